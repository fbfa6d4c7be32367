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
        if (!WithinLimit(r, "daysBefore", days, MaxReminders, "reminders")) return null;
        var before = errors.Count;
        var seen = new HashSet<int>();
        foreach (var (value, at) in days)
        {
            if (value is < 1 or > MaxReminderDays)
                errors.Add(new(at, $"A reminder is sent 1 to {MaxReminderDays} days before the due date, not {value}."));
            else if (!seen.Add(value))
                errors.Add(new(at, $"{value} days before is listed twice."));
        }
        return errors.Count == before ? new ReminderRule(days.Select(d => d.Value).ToList()) : null;
    }

    /// <summary>The <c>escalation</c> steps of a template or a stage; null when absent or broken.</summary>
    IReadOnlyList<EscalationStep>? Escalation(JsonObjectReader owner)
    {
        if (owner.Array("escalation") is not { } items) return null;
        if (!WithinLimit(owner, "escalation", items, MaxEscalationSteps, "escalation steps")) return null;
        var before = errors.Count;
        var steps = new List<EscalationStep>();
        int? previous = null;
        foreach (var (item, at) in items)
        {
            var r = JsonObjectReader.Open(item, at, errors, "afterWorkdays", "to");
            if (r is null) continue;
            var after = r.Integer("afterWorkdays", required: true);
            if (after is < 1 or > MaxEscalationWorkdays)
                r.Error("afterWorkdays", $"An escalation comes 1 to {MaxEscalationWorkdays} working days after the due date, not {after}.");
            else if (after is not null && previous is not null && after <= previous)
                r.Error("afterWorkdays", $"Escalation steps go in ascending order of afterWorkdays; {after} follows {previous}.");
            if (after is not null) previous = after;
            var to = r.String("to", required: true);
            if (to is not null && !ParticipantRoles.EscalationTargets.Contains(to, StringComparer.Ordinal))
                r.Error("to", $"An escalation goes to {string.Join(", ", ParticipantRoles.EscalationTargets)}, not '{to}'.");
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
            stage.Error("opensOn", $"'{text}' is not an opening: expected a date of the cycle's year as MM-DD (e.g. 06-01), or 'launch'.");
        return rule;
    }

    DueRule? Due(JsonObjectReader stage)
    {
        var text = stage.String("due", required: true);
        if (text is null) return null;
        var rule = DueRule.Parse(text);
        if (rule is null)
            stage.Error("due", $"'{text}' is not a due rule: expected MM-DD (a date before the opening falls in the next year), '+N workdays' or '+N days' with N from 1 to 999.");
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
                    errors.Add(new($"{stage.Pointer}/opensOn", "Only the first stage may open at 'launch'; later stages open on a date."));
                    break;
                case OpeningRule.OnDate date:
                    if (previous is { } p && (date.Month, date.Day).CompareTo((p.Date.Month, p.Date.Day)) < 0)
                        errors.Add(new($"{stage.Pointer}/opensOn",
                            $"Stage '{stage.Definition.Key}' would open ({date}) before stage '{p.Key}' above it ({p.Date}); stages open in order."));
                    previous = (stage.Definition.Key, date);
                    break;
            }
        }
    }
}
