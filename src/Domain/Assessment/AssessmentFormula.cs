using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// The year-end arithmetic, every number from the template (docs/assessment.md has a worked example):
/// <code>
/// indicatorScore = round2(100 × Σ weight·score / Σ weight·maxScore)   over the scored items (not veto, not bonus)
/// ratingScore    = round2(Σ votes·ratingWeight / Σ votes)
/// bonus          = min(bonusCap, round2(Σ weight·score))               over the bonus items
/// total          = round2((1 − ratingShare) × indicatorScore + ratingShare × ratingScore + bonus)
/// grade          = Poor when any veto item is found; else the highest grade whose threshold the total reaches
/// </code>
/// The parts are rounded (half away from zero) before the total is taken, so the total can be checked by hand
/// from the parts as shown.
/// </summary>
public static class AssessmentFormula
{
    public static AssessmentOutcome Assess(
        IReadOnlyList<IndicatorDefinition> indicators, GradingRule grading, IReadOnlyDictionary<string, ScoredIndicator> scores, RatingVotes? votes)
    {
        var scored = indicators.Where(i => !i.Veto && !i.Bonus).ToList();
        var missing = scored.Where(i => !scores.ContainsKey(i.Code)).Select(i => i.Code).ToList();
        var vetoedBy = indicators.Where(i => i.Veto && scores.TryGetValue(i.Code, out var s) && s.Vetoed).Select(i => i.Code).ToList();

        decimal? indicatorScore = missing.Count == scored.Count && scored.Count > 0 ? null : IndicatorPart(scored, scores);
        decimal? ratingScore = votes is { Total: > 0 } ? Round(votes.Score(grading.RatingWeights)) : null;
        var bonus = Math.Min(grading.BonusCap, Round(indicators.Where(i => i.Bonus).Sum(i => i.Weight * PointsOf(i, scores))));

        var ratingNeeded = grading.RatingShare > 0;
        if (missing.Count > 0 || ratingNeeded && ratingScore is null)
            return new AssessmentOutcome(indicatorScore, ratingScore, bonus, null, vetoedBy.Count > 0, vetoedBy, missing, null);

        var total = Round((1 - grading.RatingShare) * (indicatorScore ?? 0m) + grading.RatingShare * (ratingScore ?? 0m) + bonus);
        var vetoed = vetoedBy.Count > 0;
        return new AssessmentOutcome(indicatorScore, ratingScore, bonus, total, vetoed, vetoedBy, missing, Grades.Of(total, vetoed, grading.Thresholds));
    }

    /// <summary>The scored items on a 100-point scale by their weights; none defined counts as 0.</summary>
    static decimal IndicatorPart(IReadOnlyList<IndicatorDefinition> scored, IReadOnlyDictionary<string, ScoredIndicator> scores)
    {
        var possible = scored.Sum(i => i.Weight * i.MaxScore);
        return possible == 0 ? 0m : Round(100m * scored.Sum(i => i.Weight * PointsOf(i, scores)) / possible);
    }

    static decimal PointsOf(IndicatorDefinition indicator, IReadOnlyDictionary<string, ScoredIndicator> scores) =>
        scores.TryGetValue(indicator.Code, out var s) ? s.Score : 0m;

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
