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

    public static LiaisonPolicy Default { get; } = new(90, 4, [7, 1], [1], LiaisonAssessmentWeights.Default, 0.5m);

    public IEnumerable<string> Problems()
    {
        if (VisitDueAfterDays is < 1 or > MaxVisitDueAfterDays) yield return $"Liaison VisitDueAfterDays must be between 1 and {MaxVisitDueAfterDays}.";
        if (ExpectedVisitsPerYear < 1) yield return "Liaison ExpectedVisitsPerYear must be at least 1.";
        if (ProblemReminderDays.Any(d => d < 1) || ProblemReminderDays.Distinct().Count() != ProblemReminderDays.Count)
            yield return "Liaison ProblemReminderDays must be distinct whole days of at least 1.";
        if (ProblemEscalationWorkdays.Any(d => d < 1) || !ProblemEscalationWorkdays.SequenceEqual(ProblemEscalationWorkdays.Order().Distinct()))
            yield return "Liaison ProblemEscalationWorkdays must be rising working days of at least 1.";
        if (Weights.Targets < 0 || Weights.Problems < 0 || Weights.Visits < 0 || Weights.Total <= 0)
            yield return "Liaison assessment weights must not be negative and must not all be zero.";
        if (LateResolutionCredit is < 0 or > 1) yield return "Liaison LateResolutionCredit must be between 0 and 1.";
    }
}
