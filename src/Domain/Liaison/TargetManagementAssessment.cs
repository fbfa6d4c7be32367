namespace CommunityWorkflows.Domain.Liaison;

/// <summary>
/// What a point achieved so far in its year: targets met; problems found, how they were resolved and how many are
/// open but not yet due; visits made and the visits required so far (<see cref="TargetManagementAssessment.VisitsRequired"/>).
/// </summary>
public sealed record AssessmentFacts(
    int TargetsTotal, int TargetsMet,
    int ProblemsFound, int ProblemsResolvedOnTime, int ProblemsResolvedLate, int ProblemsNotYetDue,
    int Visits, int VisitsRequired)
{
    /// <summary>The problems that have succeeded or failed: all found but those open and not yet due.</summary>
    public int ProblemsAssessed => ProblemsFound - ProblemsNotYetDue;

    /// <summary>Open past their due date: failures.</summary>
    public int ProblemsOverdue => ProblemsAssessed - ProblemsResolvedOnTime - ProblemsResolvedLate;
}

/// <summary>The three rates (each 0–100) and the weighted score (0–100), rounded to one decimal.</summary>
public sealed record AssessmentScore(decimal Targets, decimal Problems, decimal Visits, decimal Score);

/// <summary>
/// The year-end target-management assessment (目标管理考核) of a liaison point, results over traces:
/// <code>
/// required R = max(1, ⌊expected × quarters / 4⌋)                     (quarters ended and in force)
/// visits   V = min(visits, R) / R
/// problems P = (resolved on time + credit × resolved late) / assessed (assessed = found − open not yet due)
///            = V when none is assessed; 0 without visits
/// targets  T = targets met / targets set                             (0 without targets)
/// score      = 100 × (wT·T + wP·P + wV·V) / (wT + wP + wV)
/// </code>
/// with the weights (default 50/30/20), the late credit (0.5) and the expected visits (4) of <see cref="LiaisonPolicy"/>.
/// </summary>
public static class TargetManagementAssessment
{
    public static AssessmentScore Score(AssessmentFacts facts, LiaisonPolicy policy)
    {
        var targets = facts.TargetsTotal == 0 ? 0m : (decimal)facts.TargetsMet / facts.TargetsTotal;
        var required = Math.Max(1, facts.VisitsRequired);
        var visits = (decimal)Math.Min(facts.Visits, required) / required;
        // nothing found (or nothing due yet) is worth only as much checking as stood behind it; no visit checked nothing
        var problems = facts.Visits == 0 ? 0m
            : facts.ProblemsAssessed == 0 ? visits
            : (facts.ProblemsResolvedOnTime + policy.LateResolutionCredit * facts.ProblemsResolvedLate) / facts.ProblemsAssessed;
        var w = policy.Weights;
        var score = 100m * (w.Targets * targets + w.Problems * problems + w.Visits * visits) / w.Total;
        return new AssessmentScore(Round(100m * targets), Round(100m * problems), Round(100m * visits), Round(score));
    }

    /// <summary>
    /// The visits required of a point as of <paramref name="asOf"/> (a China date): the expected visits a year
    /// pro-rated by the quarters of its year that have ended by then (their last day before <paramref name="asOf"/>)
    /// and that the point was in force for (<paramref name="startedOn"/> on or before their last day), rounded down;
    /// at least one, since a point never visited was never checked. The full number once the year is over.
    /// </summary>
    public static int VisitsRequired(int expectedPerYear, DateOnly startedOn, int year, DateOnly asOf)
    {
        var quarters = Enumerable.Range(1, 4).Select(q => QuarterEnd(year, q)).Count(end => end < asOf && end >= startedOn);
        return Math.Max(1, expectedPerYear * quarters / 4);
    }

    static DateOnly QuarterEnd(int year, int quarter) => new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);

    static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
