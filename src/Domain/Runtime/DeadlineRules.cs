using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// The rules of a deadline as they apply: its reminders, its escalation, and (for a task of a stage) the due rule the
/// stage gives its tasks. A stage's own reminders and escalation replace the template's; this is the one place that says so.
/// </summary>
public sealed record DeadlineRules(ReminderRule Reminders, IReadOnlyList<EscalationStep> Escalation, DueRule? Due = null)
{
    /// <summary>The rules of the tasks of <paramref name="stage"/>: the stage's own where it has them, the template's otherwise.</summary>
    public static DeadlineRules Of(TemplateDefinition template, StageDefinition stage) =>
        new(stage.Reminders ?? template.Reminders, stage.Escalation ?? template.Escalation, stage.Due);
}
