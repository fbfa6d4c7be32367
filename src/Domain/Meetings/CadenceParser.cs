using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Meetings;

/// <summary>
/// Reads a cadence from the body of <c>PUT /api/meeting-cadences/{key}</c>, reporting every broken rule with
/// its JSON pointer (<c>/cron</c>, <c>/timeZone</c>, ...) at once.
/// </summary>
public static partial class CadenceParser
{
    public const int MaxNameLength = 100;
    public const int MaxCronLength = 100;
    public const int MaxTimeZoneLength = 64;
    /// <summary>An org unit code's longest (see <see cref="OrgImportValidator"/>).</summary>
    public const int MaxCodeLength = 64;
    const int MaxKindLength = 32;

    static readonly string[] Members = ["name", "appliesTo", "cron", "timeZone", "reminders", "escalation", "enabled", "scopeCode"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex KeyPattern();

    public static (CadenceDefinition? Cadence, IReadOnlyList<FieldError> Errors) Parse(string key, JsonElement body, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (!KeyPattern().IsMatch(key))
            errors.Add(new FieldError("/key", Say.Text($"'{key}' is not a cadence key: lower-case letters, digits and '-', at most 63 characters.", $"“{key}”不是有效的例会规则标识：只能使用小写字母、数字和“-”，最多 63 个字符。")));
        var r = JsonObjectReader.Open(body, "", errors, Members);
        if (r is null) return (null, errors);

        var name = r.String("name", required: true, MaxNameLength);
        var appliesTo = AppliesTo(r);
        var schedule = CadenceSchedule.Create(
            r.String("cron", required: true, MaxCronLength), r.String("timeZone", required: true, MaxTimeZoneLength), now, errors);
        var reminders = Reminders(r, errors);
        var escalation = appliesTo is { } kind ? Escalation(r, kind, errors) : null;
        var enabled = r.Boolean("enabled") ?? true;
        var scopeCode = r.String("scopeCode", maxLength: MaxCodeLength)?.Trim();
        if (scopeCode is "")
            r.Error("scopeCode", Say.Text("scopeCode names an org unit; leave it out for the whole installation.", "scopeCode 须为组织单位编码；适用于全系统时请勿填写。"));
        if (errors.Count > 0 || name is null || appliesTo is null || schedule is null || escalation is null)
            return (null, errors);
        return (new CadenceDefinition(key, name.Trim(), appliesTo.Value, scopeCode, schedule, reminders ?? MeetingOwners.DefaultReminders, escalation, enabled), errors);
    }

    static OrgUnitKind? AppliesTo(JsonObjectReader r)
    {
        var text = r.String("appliesTo", required: true, MaxKindLength);
        if (text is null) return null;
        if (EnumText.TryParse<OrgUnitKind>(text, out var kind) && MeetingOwners.Kinds.Contains(kind))
            return kind;
        r.Error("appliesTo", Say.Text($"appliesTo is one of {string.Join(", ", MeetingOwners.Kinds)}, not '{text}'.", $"appliesTo 须为 {string.Join(", ", MeetingOwners.Kinds)} 之一，不能为“{text}”。"));
        return null;
    }

    /// <summary><c>[14, 3]</c> or, as in templates, <c>{"daysBefore": [14, 3]}</c>: days before the period's end.</summary>
    static ReminderRule? Reminders(JsonObjectReader r, List<FieldError> errors)
    {
        var value = r.Value("reminders", required: false);
        IReadOnlyList<(int Value, string Pointer)>? days = value?.ValueKind switch
        {
            null => null,
            JsonValueKind.Array => r.Integers("reminders"),
            _ => r.Object("reminders", required: false, "daysBefore")?.Integers("daysBefore", required: true),
        };
        if (days is null) return null;
        var seen = new HashSet<int>();
        foreach (var (day, at) in days)
        {
            if (day is < 1 or > TemplateParser.MaxReminderDays)
                errors.Add(new FieldError(at, Say.Text($"A reminder is sent 1 to {TemplateParser.MaxReminderDays} days before the period ends, not {day}.", $"提醒须在周期结束前 1 至 {TemplateParser.MaxReminderDays} 天发送，不能为 {day} 天。")));
            else if (!seen.Add(day))
                errors.Add(new FieldError(at, Say.Text($"{day} days before is listed twice.", $"提前 {day} 天的提醒重复设置。")));
        }
        return new ReminderRule(days.Select(d => d.Value).OrderDescending().ToList());
    }

    static IReadOnlyList<EscalationStep>? Escalation(JsonObjectReader r, OrgUnitKind appliesTo, List<FieldError> errors)
    {
        if (r.Array("escalation") is not { } items)
            return r.Value("escalation", required: false) is null ? MeetingOwners.DefaultEscalation(appliesTo) : null;
        var before = errors.Count;
        var steps = new List<EscalationStep>();
        var targets = MeetingOwners.EscalationTargets(appliesTo);
        int? previous = null;
        foreach (var (item, at) in items)
        {
            var step = JsonObjectReader.Open(item, at, errors, "afterWorkdays", "to");
            if (step is null) continue;
            var after = step.Integer("afterWorkdays", required: true);
            if (after is < 1 or > TemplateParser.MaxEscalationWorkdays)
                step.Error("afterWorkdays", Say.Text($"An escalation comes 1 to {TemplateParser.MaxEscalationWorkdays} working days after the due date, not {after}.", $"督办升级须在期限后 1 至 {TemplateParser.MaxEscalationWorkdays} 个工作日，不能为 {after}。"));
            else if (after is not null && previous is not null && after <= previous)
                step.Error("afterWorkdays", Say.Text($"Escalation steps go in ascending order of afterWorkdays; {after} follows {previous}.", $"督办升级须按 afterWorkdays 从小到大排列；{after} 排在 {previous} 之后。"));
            previous = after ?? previous;
            var to = step.String("to", required: true);
            if (to is not null && !targets.Contains(to, StringComparer.Ordinal))
                step.Error("to", Say.Text($"A {appliesTo}'s missed meeting escalates to {string.Join(", ", targets)}, not '{to}'.", $"{Say.Name(appliesTo.ToString())}未按时开会时，督办升级对象须为 {string.Join(", ", targets)}，不能为“{to}”。"));
            steps.Add(new EscalationStep(after ?? 0, to ?? ""));
        }
        return errors.Count == before ? steps : null;
    }
}
