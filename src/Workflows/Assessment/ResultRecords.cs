using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>A participant's assessment with the inputs behind it, as the results computation holds it.</summary>
sealed record UnitResult(
    long OrgUnitId, string OrgUnitCode, string Name, string Path, int? Rank, AssessmentOutcome Outcome,
    IReadOnlyDictionary<string, ScoredIndicator> Scores, RatingVotes? Votes);

/// <summary>What an indicator of a result received: points, or for a veto item whether it was found.</summary>
public sealed record ResultIndicatorView(string Code, decimal? Score, bool? Vetoed);

/// <summary>
/// One row of a cycle's results: the rank (ties share it), the indicator part on a 100-point scale, the democratic
/// rating's score, the bonus, the total and the grade — null until the participant's sheet is complete — and the
/// inputs: each indicator's points and the vote counts.
/// </summary>
public sealed record ResultView(
    int? Rank,
    string OrgUnitCode,
    string Name,
    decimal? IndicatorScore,
    decimal? RatingScore,
    decimal Bonus,
    decimal? Total,
    bool Vetoed,
    Grade? Grade,
    string? GradeLabel,
    bool Complete,
    IReadOnlyList<string> VetoedBy,
    IReadOnlyList<string> Missing,
    IReadOnlyList<ResultIndicatorView> Indicators,
    VotesView? Votes,
    DateTimeOffset? PublishedAt);

/// <summary>A cycle's results and the rules they were computed by, for the spreadsheet's headers.</summary>
public sealed record CycleResults(
    long CycleId, int Year, string Name, string ScopeCode, Domain.Definitions.TemplateDefinition Definition, DateTimeOffset? PublishedAt, string? PublishedBy,
    IReadOnlyList<ResultView> Results);

/// <summary>What publishing answered: when, by whom, and the results as published.</summary>
public sealed record PublicationView(long CycleId, DateTimeOffset PublishedAt, string PublishedBy, IReadOnlyList<ResultView> Results);
