using System.Globalization;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// Reads a score sheet as sent, <c>{indicators: [{code, score, vetoed, comment}]}</c>, from its JSON text. A score
/// is judged on its exact decimal digits before it becomes a <see cref="decimal"/>: <c>1e-30</c> would round to 0
/// and <c>1.0000000000000000000000000000001</c> to 1, and both have more than <see cref="ScoreSheetRules.Decimals"/>
/// decimal places. Members are matched ignoring case; unknown ones are refused before (the endpoint's body contract).
/// </summary>
public static class ScoreSheetReader
{
    public static (IReadOnlyList<ScoreInput?>? Entries, IReadOnlyList<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
            return (null, [new FieldError("", Say.Text("Send {indicators: [{code, score, vetoed, comment}]}.", "请按 {indicators: [{code, score, vetoed, comment}]} 格式提交。"))]);
        var items = Member(body, "indicators");
        if (items is null) return (null, errors);
        if (items.Value.ValueKind != JsonValueKind.Array)
            return (null, [new FieldError("/indicators", Say.Text("indicators must be an array.", "indicators 须为数组。"))]);
        var entries = items.Value.EnumerateArray().Select((item, i) => Entry(item, $"/indicators/{i}", errors)).ToList();
        return (entries, errors);
    }

    /// <summary>
    /// The indexes of the entries sent without a <c>comment</c> member: their stored comment stays (a left-out
    /// field is not a field set to nothing); <c>"comment": null</c> clears it.
    /// </summary>
    public static IReadOnlySet<int> WithoutComment(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || Present(body, "indicators") is not { ValueKind: JsonValueKind.Array } items) return new HashSet<int>();
        return items.EnumerateArray().Select((item, i) => (item, i))
            .Where(e => e.item.ValueKind == JsonValueKind.Object && Present(e.item, "comment") is null)
            .Select(e => e.i).ToHashSet();
    }

    static JsonElement? Present(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    static ScoreInput? Entry(JsonElement item, string at, List<FieldError> errors)
    {
        if (item.ValueKind == JsonValueKind.Null) return null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(at, Say.Text("Each entry is an object: {code, score} or, for a veto item, {code, vetoed}.", "每一项须为对象：{code, score}；一票否决项为 {code, vetoed}。")));
            return null;
        }
        return new ScoreInput(Text(item, "code", at, errors), Score(item, at, errors), Flag(item, "vetoed", at, errors), Text(item, "comment", at, errors));
    }

    static decimal? Score(JsonElement entry, string at, List<FieldError> errors)
    {
        if (Member(entry, "score") is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number)
            errors.Add(new FieldError($"{at}/score", Say.Text("score must be a number.", "得分须为数字。")));
        else if (DecimalPlaces(value.GetRawText()) > ScoreSheetRules.Decimals)
            errors.Add(new FieldError($"{at}/score", Say.Text($"A score has at most {ScoreSheetRules.Decimals} decimal places, not {value.GetRawText()}.", $"得分最多保留 {ScoreSheetRules.Decimals} 位小数，不能为 {value.GetRawText()}。")));
        else if (value.TryGetDecimal(out var score))
            return score;
        else
            errors.Add(new FieldError($"{at}/score", Say.Text($"score is out of range: {value.GetRawText()}.", $"得分超出范围：{value.GetRawText()}。")));
        return null;
    }

    /// <summary>
    /// The decimal places of a JSON number's exact value (<c>1.50</c> → 1, <c>25e-1</c> → 1, <c>1e-30</c> → 30,
    /// <c>1.2e5</c> → 0), read from its digits, never from a rounded conversion.
    /// </summary>
    public static long DecimalPlaces(string number)
    {
        var e = number.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? number : number[..e];
        var exponent = e < 0 ? 0 : long.TryParse(number[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)
            ? x : number[e + 1] == '-' ? long.MinValue / 2 : long.MaxValue / 2;
        var point = mantissa.IndexOf('.');
        var digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('-').TrimEnd('0');
        if (digits.Trim('0').Length == 0) return 0;
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        var trimmed = (point < 0 ? mantissa.TrimStart('-').Length : mantissa.TrimStart('-').Length - 1) - digits.Length;
        return Math.Max(0, fraction - trimmed - exponent);
    }

    static string? Text(JsonElement entry, string member, string at, List<FieldError> errors)
    {
        if (Member(entry, member) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new FieldError($"{at}/{member}", Say.Text($"{member} must be a string.", $"{member} 须为文本。")));
        return null;
    }

    static bool? Flag(JsonElement entry, string member, string at, List<FieldError> errors)
    {
        if (Member(entry, member) is not { } value) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add(new FieldError($"{at}/{member}", Say.Text($"{member} must be true or false.", $"{member} 须为 true 或 false。")));
        return null;
    }

    /// <summary>The member's value, matched ignoring case; null when absent or null.</summary>
    static JsonElement? Member(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
        return null;
    }
}
