using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// Everything that governs one task, resolved once: its definition (assignee, reviewer, form, evidence) and its deadline's
/// rules. A task of a stage takes them from its cycle's template, the stage's own reminders and escalation before the
/// template's; a task created on its own (a rectification) carries its own, and nothing of the template applies to it.
/// </summary>
public sealed record EffectiveTaskRules(TaskDefinition Task, DeadlineRules Deadline)
{
    /// <summary>The rules of task <paramref name="taskKey"/> of stage <paramref name="stage"/> (its ordinal) of <paramref name="template"/>.</summary>
    public static EffectiveTaskRules Of(TemplateDefinition template, int stage, string taskKey)
    {
        var stageDefinition = template.Stages[stage];
        return new(stageDefinition.Tasks.Single(t => t.Key == taskKey), DeadlineRules.Of(template, stageDefinition));
    }

    /// <summary>The rules a task created outside the stages carries with it: no due rule, its due date was given.</summary>
    public static EffectiveTaskRules Own(TaskDefinition task, ReminderRule reminders, IReadOnlyList<EscalationStep> escalation) =>
        new(task, new DeadlineRules(reminders, escalation));
}
