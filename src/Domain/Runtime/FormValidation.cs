using System.Globalization;
using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>Checks a submission's <c>data</c> against the task's form, naming every bad field as <c>/data/&lt;key&gt;</c>.</summary>
public static class FormValidation
{
    public const int DefaultMaxLength = 10_000;

    public static IReadOnlyList<FieldError> Check(IReadOnlyList<FormField> form, JsonElement? data)
    {
        var errors = new List<FieldError>();
        if (data is { } d && d.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            return [new FieldError("/data", Say.Text("data must be an object of the form's fields.", "表单数据须为由表单字段组成的对象。"))];
        var values = data is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : [];
        foreach (var unknown in values.Keys.Where(k => form.All(f => f.Key != k)))
            errors.Add(new FieldError($"/data/{unknown}", Say.Text($"The form has no field '{unknown}'.", $"表单中没有字段“{unknown}”。")));
        foreach (var field in form)
        {
            var at = $"/data/{field.Key}";
            if (!values.TryGetValue(field.Key, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))
            {
                if (field.Required) errors.Add(new FieldError(at, Say.Text($"{field.Label} is required.", $"{field.Label}为必填项。")));
                continue;
            }
            if (CheckValue(field, value) is { } problem)
                errors.Add(new FieldError(at, problem));
        }
        return errors;
    }

    static string? CheckValue(FormField field, JsonElement value) => field.Type switch
    {
        "text" => value.ValueKind != JsonValueKind.String ? Say.Text($"{field.Label} must be text.", $"{field.Label}须为文本。")
            : value.GetString()!.Length > (field.MaxLength ?? DefaultMaxLength) ? Say.Text($"{field.Label} must be at most {field.MaxLength ?? DefaultMaxLength} characters.", $"{field.Label}不能超过 {field.MaxLength ?? DefaultMaxLength} 个字符。") : null,
        "number" or "integer" => CheckNumber(field, value),
        "date" => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : Say.Text($"{field.Label} must be a date (YYYY-MM-DD).", $"{field.Label}须为日期（YYYY-MM-DD）。"),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Say.Text($"{field.Label} must be true or false.", $"{field.Label}须为“是”或“否”。"),
        "choice" => value.ValueKind == JsonValueKind.String && (field.Options ?? []).Contains(value.GetString()!)
            ? null : Say.Text($"{field.Label} must be one of: {string.Join(", ", field.Options ?? [])}.", $"{field.Label}须为以下之一：{string.Join("、", field.Options ?? [])}。"),
        _ => Say.Text($"{field.Label} has an unknown type '{field.Type}'.", $"{field.Label}的类型“{field.Type}”无法识别。"),
    };

    static string? CheckNumber(FormField field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var n))
            return Say.Text($"{field.Label} must be a number.", $"{field.Label}须为数字。");
        if (field.Type == "integer" && n != decimal.Truncate(n)) return Say.Text($"{field.Label} must be a whole number.", $"{field.Label}须为整数。");
        if (n < field.Min) return Say.Text($"{field.Label} must be at least {field.Min}.", $"{field.Label}不能小于 {field.Min}。");
        if (n > field.Max) return Say.Text($"{field.Label} must be at most {field.Max}.", $"{field.Label}不能大于 {field.Max}。");
        return null;
    }
}
