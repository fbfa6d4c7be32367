namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// A workflow definition (考核模板), as validated from its JSON: who takes part, the stages in order with
/// their tasks, reminders and escalation, the indicators and the grading. Instances of a published
/// version never see it change.
/// </summary>
public sealed record TemplateDefinition(
    string Key,
    string Name,
    string? Description,
    ParticipantRule Participants,
    ReminderRule Reminders,
    IReadOnlyList<EscalationStep> Escalation,
    IReadOnlyList<StageDefinition> Stages,
    IReadOnlyList<IndicatorDefinition> Indicators,
    GradingRule? Grading);

/// <summary>Which org units under the cycle's scope each get an instance: <c>Street</c> or <c>Community</c>.</summary>
public sealed record ParticipantRule(string Kind);

/// <summary>Reminders at 09:00 China time this many calendar days before a task is due.</summary>
public sealed record ReminderRule(IReadOnlyList<int> DaysBefore);

/// <summary>At 09:00 on the <see cref="AfterWorkdays"/>-th working day after an overdue task's due date, tell <see cref="To"/>.</summary>
public sealed record EscalationStep(int AfterWorkdays, string To);

/// <summary>
/// A stage: it opens on <see cref="OpensOn"/> (a <c>MM-DD</c> date of the cycle's year, or <c>launch</c>) and its
/// tasks are due by <see cref="Due"/>; its own reminders and escalation, when given, replace the template's.
/// </summary>
public sealed record StageDefinition(
    string Key,
    string Name,
    OpeningRule OpensOn,
    DueRule Due,
    ReminderRule? Reminders,
    IReadOnlyList<EscalationStep>? Escalation,
    IReadOnlyList<TaskDefinition> Tasks);

/// <summary>
/// A task (a bookmark: the instance waits for a person). <see cref="Assignee"/> and <see cref="Reviewer"/> are
/// participant roles (see <see cref="ParticipantRoles"/>); without a reviewer a submission is accepted at once.
/// A gated task must be accepted before the instance leaves the stage; <see cref="After"/> names tasks of the
/// same stage that must be accepted before this one opens.
/// </summary>
public sealed record TaskDefinition(
    string Key,
    string Title,
    string? Description,
    string Assignee,
    string? Reviewer,
    bool Gate,
    bool EvidenceRequired,
    IReadOnlyList<string> After,
    IReadOnlyList<FormField> Form);

/// <summary>A field of a task's form: <c>text</c>, <c>number</c>, <c>integer</c>, <c>date</c>, <c>boolean</c> or <c>choice</c>.</summary>
public sealed record FormField(
    string Key,
    string Label,
    string Type,
    bool Required,
    IReadOnlyList<string>? Options = null,
    int? MaxLength = null,
    decimal? Min = null,
    decimal? Max = null);

/// <summary>An assessment indicator (指标): a score up to <see cref="MaxScore"/>; a veto (一票否决) or a bonus (加分) item.</summary>
public sealed record IndicatorDefinition(string Code, string Name, decimal MaxScore, decimal Weight, bool Veto, bool Bonus);

/// <summary>
/// How a total and a grade come out: the democratic rating's share of the total, the points each vote
/// counts for, the cap on bonus points, and the lowest total for each grade (好/较好/一般; below is 差).
/// </summary>
public sealed record GradingRule(decimal RatingShare, RatingWeights RatingWeights, decimal BonusCap, GradeThresholds Thresholds);

public sealed record RatingWeights(decimal Excellent, decimal Good, decimal Fair, decimal Poor);

public sealed record GradeThresholds(decimal Excellent, decimal Good, decimal Fair);
