namespace CommunityWorkflows.Domain.Liaison;

/// <summary>What a point achieved in its year: targets met, problems found and how they were resolved, visits made.</summary>
public sealed record AssessmentFacts(int TargetsTotal, int TargetsMet, int ProblemsFound, int ProblemsResolvedOnTime, int ProblemsResolvedLate, int Visits);

/// <summary>The three rates (each 0–100) and the weighted score (0–100), rounded to one decimal.</summary>
public sealed record AssessmentScore(decimal Targets, decimal Problems, decimal Visits, decimal Score);

/// <summary>
/// The year-end target-management assessment (目标管理考核) of a liaison point:
/// <code>
/// targets  T = targets met / targets set                           (0 without targets)
/// problems P = (resolved on time + credit × resolved late) / found (1 when none were found)
/// visits   V = min(visits, expected) / expected
/// score      = 100 × (wT·T + wP·P + wV·V) / (wT + wP + wV)
/// </code>
/// with the weights (default 50/30/20), the late credit (0.5) and the expected visits (4) of <see cref="LiaisonPolicy"/>.
/// </summary>
public static class TargetManagementAssessment
{
    public static AssessmentScore Score(AssessmentFacts facts, LiaisonPolicy policy)
    {
        var targets = facts.TargetsTotal == 0 ? 0m : (decimal)facts.TargetsMet / facts.TargetsTotal;
        var problems = facts.ProblemsFound == 0 ? 1m
            : (facts.ProblemsResolvedOnTime + policy.LateResolutionCredit * facts.ProblemsResolvedLate) / facts.ProblemsFound;
        var visits = (decimal)Math.Min(facts.Visits, policy.ExpectedVisitsPerYear) / policy.ExpectedVisitsPerYear;
        var w = policy.Weights;
        var score = 100m * (w.Targets * targets + w.Problems * problems + w.Visits * visits) / w.Total;
        return new AssessmentScore(Round(100m * targets), Round(100m * problems), Round(100m * visits), Round(score));
    }

    static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
