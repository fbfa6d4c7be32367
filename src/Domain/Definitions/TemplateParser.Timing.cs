using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    public const int MaxReminderDays = 60;
    public const int MaxEscalationWorkdays = 250;

    /// <summary>The <c>reminders</c> of a template or a stage; null when absent or broken.</summary>
    ReminderRule? Reminders(JsonObjectReader owner)
    {
        var r = owner.Object("reminders", required: false, "daysBefore");
        if (r?.Integers("daysBefore", required: true) is not { } days) return null;
        if (!WithinLimit(r, "daysBefore", days, MaxReminders, Say.Text("reminders", "提醒"))) return null;
        var before = errors.Count;
        var seen = new HashSet<int>();
        foreach (var (value, at) in days)
        {
            if (value is < 1 or > MaxReminderDays)
                errors.Add(new(at, Say.Text($"A reminder is sent 1 to {MaxReminderDays} days before the due date, not {value}.", $"提醒须在期限前 1 至 {MaxReminderDays} 天发送，不能为 {value} 天。")));
            else if (!seen.Add(value))
                errors.Add(new(at, Say.Text($"{value} days before is listed twice.", $"提前 {value} 天的提醒重复设置。")));
        }
        return errors.Count == before ? new ReminderRule(days.Select(d => d.Value).ToList()) : null;
    }

    /// <summary>The <c>escalation</c> steps of a template or a stage; null when absent or broken.</summary>
    IReadOnlyList<EscalationStep>? Escalation(JsonObjectReader owner)
    {
        if (owner.Array("escalation") is not { } items) return null;
        if (!WithinLimit(owner, "escalation", items, MaxEscalationSteps, Say.Text("escalation steps", "督办升级步骤"))) return null;
        var before = errors.Count;
        var steps = new List<EscalationStep>();
        int? previous = null;
        foreach (var (item, at) in items)
        {
            var r = JsonObjectReader.Open(item, at, errors, "afterWorkdays", "to");
            if (r is null) continue;
            var after = r.Integer("afterWorkdays", required: true);
            if (after is < 1 or > MaxEscalationWorkdays)
                r.Error("afterWorkdays", Say.Text($"An escalation comes 1 to {MaxEscalationWorkdays} working days after the due date, not {after}.", $"督办升级须在期限后 1 至 {MaxEscalationWorkdays} 个工作日，不能为 {after}。"));
            else if (after is not null && previous is not null && after <= previous)
                r.Error("afterWorkdays", Say.Text($"Escalation steps go in ascending order of afterWorkdays; {after} follows {previous}.", $"督办升级须按 afterWorkdays 从小到大排列；{after} 排在 {previous} 之后。"));
            if (after is not null) previous = after;
            var to = r.String("to", required: true);
            if (to is not null && !ParticipantRoles.EscalationTargets.Contains(to, StringComparer.Ordinal))
                r.Error("to", Say.Text($"An escalation goes to {string.Join(", ", ParticipantRoles.EscalationTargets)}, not '{to}'.", $"督办升级对象须为 {string.Join(", ", ParticipantRoles.EscalationTargets)} 之一，不能为“{to}”。"));
            steps.Add(new EscalationStep(after ?? 0, to ?? ""));
        }
        return errors.Count == before ? steps : null;
    }

    OpeningRule? OpensOn(JsonObjectReader stage)
    {
        var text = stage.String("opensOn", required: true);
        if (text is null) return null;
        var rule = OpeningRule.Parse(text);
        if (rule is null)
            stage.Error("opensOn", Say.Text($"'{text}' is not an opening: expected a date of the cycle's year as MM-DD (e.g. 06-01), or 'launch'.", $"“{text}”不是有效的开启时间：应为本年度内 MM-DD 格式的日期（如 06-01），或“launch”。"));
        return rule;
    }

    DueRule? Due(JsonObjectReader stage)
    {
        var text = stage.String("due", required: true);
        if (text is null) return null;
        var rule = DueRule.Parse(text);
        if (rule is null)
            stage.Error("due", Say.Text($"'{text}' is not a due rule: expected MM-DD (a date before the opening falls in the next year), '+N workdays' or '+N days' with N from 1 to 999.", $"“{text}”不是有效的期限规则：应为 MM-DD（早于开启日期的视为次年）、“+N workdays”或“+N days”，N 为 1 至 999。"));
        return rule;
    }

    /// <summary>Stages open in order: none before the one above it, and only the first at launch.</summary>
    void CheckOpeningOrder(IReadOnlyList<ParsedStage> stages)
    {
        (string Key, OpeningRule.OnDate Date)? previous = null;
        foreach (var stage in stages)
        {
            switch (stage.Opening)
            {
                case OpeningRule.AtLaunch when stage.Index > 0:
                    errors.Add(new($"{stage.Pointer}/opensOn", Say.Text("Only the first stage may open at 'launch'; later stages open on a date.", "只有第一个阶段可以在“launch”时开启，后续阶段须在指定日期开启。")));
                    break;
                case OpeningRule.OnDate date:
                    if (previous is { } p && (date.Month, date.Day).CompareTo((p.Date.Month, p.Date.Day)) < 0)
                        errors.Add(new($"{stage.Pointer}/opensOn",
                            Say.Text($"Stage '{stage.Definition.Key}' would open ({date}) before stage '{p.Key}' above it ({p.Date}); stages open in order.", $"阶段“{stage.Definition.Key}”的开启日期（{date}）早于其上一阶段“{p.Key}”（{p.Date}）；各阶段须依次开启。")));
                    previous = (stage.Definition.Key, date);
                    break;
            }
        }
    }
}
