namespace CommunityWorkflows.Domain.Liaison;

/// <summary>
/// The local rules of liaison points, with the defaults of MISSION.md: visited at least quarterly (a reminder
/// to the leader after <see cref="VisitDueAfterDays"/> days without a visit, and 4 visits a year expected);
/// problems reminded 7 and 1 days before due and escalated to the leader on the first working day late;
/// the assessment weighs results (targets met, problems resolved) over traces (visits).
/// </summary>
public sealed record LiaisonPolicy(
    int VisitDueAfterDays,
    int ExpectedVisitsPerYear,
    IReadOnlyList<int> ProblemReminderDays,
    IReadOnlyList<int> ProblemEscalationWorkdays,
    LiaisonAssessmentWeights Weights,
    decimal LateResolutionCredit)
{
    public const int MaxVisitDueAfterDays = 366;
    public const int MaxExpectedVisitsPerYear = 366;
    /// <summary>A reminder further ahead than a year of a problem's due date reminds nobody of anything.</summary>
    public const int MaxProblemReminderDays = 365;
    /// <summary>About a year of working days; beyond it the escalation would outlive the problem's point.</summary>
    public const int MaxProblemEscalationWorkdays = 250;
    /// <summary>Reminders or escalations per problem: each is a timer row and a notice for every problem found.</summary>
    public const int MaxSteps = 10;
    public const decimal MaxWeight = 1000;

    public static LiaisonPolicy Default { get; } = new(90, 4, [7, 1], [1], LiaisonAssessmentWeights.Default, 0.5m);

    /// <summary>What is wrong with the settings, one rule each; checked at start-up, so a visit never meets a day out of range.</summary>
    public IEnumerable<string> Problems()
    {
        if (VisitDueAfterDays is < 1 or > MaxVisitDueAfterDays) yield return $"Liaison VisitDueAfterDays must be between 1 and {MaxVisitDueAfterDays}.";
        if (ExpectedVisitsPerYear is < 1 or > MaxExpectedVisitsPerYear) yield return $"Liaison ExpectedVisitsPerYear must be between 1 and {MaxExpectedVisitsPerYear}.";
        if (ProblemReminderDays.Count > MaxSteps || ProblemReminderDays.Any(d => d is < 1 or > MaxProblemReminderDays)
            || ProblemReminderDays.Distinct().Count() != ProblemReminderDays.Count)
            yield return $"Liaison ProblemReminderDays must be at most {MaxSteps} distinct whole days, each between 1 and {MaxProblemReminderDays}.";
        if (ProblemEscalationWorkdays.Count > MaxSteps || ProblemEscalationWorkdays.Any(d => d is < 1 or > MaxProblemEscalationWorkdays)
            || !ProblemEscalationWorkdays.SequenceEqual(ProblemEscalationWorkdays.Order().Distinct()))
            yield return $"Liaison ProblemEscalationWorkdays must be at most {MaxSteps} rising working days, each between 1 and {MaxProblemEscalationWorkdays}.";
        if (new[] { Weights.Targets, Weights.Problems, Weights.Visits }.Any(w => w is < 0 or > MaxWeight) || Weights.Total <= 0)
            yield return $"Liaison assessment weights must each be between 0 and {MaxWeight}, and must not all be zero.";
        if (LateResolutionCredit is < 0 or > 1) yield return "Liaison LateResolutionCredit must be between 0 and 1.";
    }
}
