using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>The democratic rating's vote counts as sent; each must be given (0 when none).</summary>
public sealed record RatingInput(int? Excellent, int? Good, int? Fair, int? Poor);

/// <summary>An indicator of the template with what the reviewers gave it, if anything yet.</summary>
public sealed record SheetIndicatorView(
    string Code, string Name, decimal MaxScore, decimal Weight, bool Veto, bool Bonus,
    decimal? Score, bool? Vetoed, string? Comment, string? ScoredBy, DateTimeOffset? ScoredAt);

public sealed record VotesView(int Excellent, int Good, int Fair, int Poor, int Total, string? RatedBy = null, DateTimeOffset? RatedAt = null);

/// <summary>What the assessment comes to so far (see <see cref="AssessmentOutcome"/>).</summary>
public sealed record OutcomeView(
    decimal? IndicatorScore, decimal? RatingScore, decimal Bonus, decimal? Total, bool Vetoed, IReadOnlyList<string> VetoedBy,
    IReadOnlyList<string> Missing, bool Complete, Grade? Grade, string? GradeLabel)
{
    public static OutcomeView Of(AssessmentOutcome o) => new(o.IndicatorScore, o.RatingScore, o.Bonus, o.Total, o.Vetoed, o.VetoedBy, o.Missing, o.Complete,
        o.Grade, o.Grade is { } g ? Grades.Label(g) : null);
}

/// <summary>A participant's score sheet: every indicator with its score, the votes, the outcome, and whether the results are published.</summary>
public sealed record ScoreSheetView(
    long CycleId, string OrgUnitCode, string Name, IReadOnlyList<SheetIndicatorView> Indicators, VotesView? Votes, OutcomeView Outcome, DateTimeOffset? PublishedAt);
