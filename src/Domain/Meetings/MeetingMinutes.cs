using System.Globalization;
using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Meetings;

/// <summary>What a held meeting is recorded with: the day, who attended, the topics, the minutes and the decisions.</summary>
public sealed record MeetingMinutes(DateOnly HeldOn, IReadOnlyList<string> Attendees, IReadOnlyList<string> Topics, string Minutes, IReadOnlyList<string> Decisions)
{
    public const int MaxMinutesLength = 50_000;
    public const int MaxItems = 500;
    public const int MaxItemLength = 500;

    static readonly string[] Members = ["heldOn", "attendees", "topics", "minutes", "decisions"];

    /// <summary>
    /// Reads the body of <c>POST /api/meetings/{id}/record</c>. The meeting must have been held inside its
    /// period and not after <paramref name="today"/>; topics and decisions may be one text or a list.
    /// </summary>
    public static MeetingMinutes Parse(JsonElement body, MeetingPeriod period, DateOnly today)
    {
        var errors = new List<FieldError>();
        var r = JsonObjectReader.Open(body, "", errors, Members);
        if (r is null) throw new RuleViolationException(errors);
        var heldOn = ReadHeldOn(r, period, today);
        var attendees = Texts(r, "attendees", required: true, multiline: false, errors);
        var topics = Texts(r, "topics", required: true, multiline: true, errors);
        var minutes = r.String("minutes", required: true, MaxMinutesLength, multiline: true);
        var decisions = Texts(r, "decisions", required: false, multiline: true, errors) ?? [];
        if (errors.Count > 0 || heldOn is null || attendees is null || topics is null || minutes is null)
            throw new RuleViolationException(errors, Say.Text("The meeting record is incomplete or wrong; nothing was recorded.", "会议记录不完整或有误，未予记录。"));
        return new MeetingMinutes(heldOn.Value, attendees, topics, minutes.Trim(), decisions);
    }

    static DateOnly? ReadHeldOn(JsonObjectReader r, MeetingPeriod period, DateOnly today)
    {
        var text = r.String("heldOn", required: true);
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            r.Error("heldOn", Say.Text($"'{text}' is not a date (YYYY-MM-DD).", $"“{text}”不是日期（YYYY-MM-DD）。"));
        else if (!period.Contains(day))
            r.Error("heldOn", Say.Text($"The meeting of {period.Start:yyyy-MM-dd}..{period.End:yyyy-MM-dd} must be held inside that period, not on {text}.", $"{period.Start:yyyy-MM-dd} 至 {period.End:yyyy-MM-dd} 的会议须在该期间内召开，不能是 {text}。"));
        else if (day > today)
            r.Error("heldOn", Say.Text($"{text} has not come yet; record a meeting once it has been held.", $"{text} 尚未到来；会议召开后再登记。"));
        else
            return day;
        return null;
    }

    /// <summary>A non-empty list of short texts (attendees are names: one line each), or a single text standing for a list of one.</summary>
    static IReadOnlyList<string>? Texts(JsonObjectReader r, string member, bool required, bool multiline, List<FieldError> errors)
    {
        var value = r.Value(member, required);
        if (value is null) return null;
        var before = errors.Count;
        IReadOnlyList<(string, string)> items = value.Value.ValueKind == JsonValueKind.String
            ? r.String(member, multiline: multiline) is { } one ? [(one, r.At(member))] : []
            : r.Strings(member, multiline) ?? [];
        var texts = new List<string>();
        foreach (var (text, at) in items)
        {
            if (string.IsNullOrWhiteSpace(text)) errors.Add(new FieldError(at, Say.Text("An empty entry.", "内容不能为空。")));
            else if (text.Length > MaxItemLength && value.Value.ValueKind != JsonValueKind.String)
                errors.Add(new FieldError(at, Say.Text($"An entry is longer than {MaxItemLength} characters.", $"单项内容不能超过 {MaxItemLength} 个字符。")));
            else texts.Add(text.Trim());
        }
        if (required && texts.Count == 0 && errors.Count == before)
            r.Error(member, Say.Text($"'{member}' needs at least one entry.", $"“{member}”至少需要一项内容。"));
        if (texts.Count > MaxItems)
            r.Error(member, Say.Text($"'{member}' has more than {MaxItems} entries.", $"“{member}”不能超过 {MaxItems} 项。"));
        return errors.Count == before ? texts : null;
    }
}
