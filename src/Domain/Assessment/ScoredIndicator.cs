namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// What the reviewers gave one indicator: points for a scored or bonus item, or, for a veto item (一票否决),
/// whether the veto was found (<see cref="Vetoed"/>; a veto item carries no points).
/// </summary>
public sealed record ScoredIndicator(string Code, decimal Score, bool Vetoed);

/// <summary>One entry of a score sheet as sent: any member may be missing or wrong.</summary>
public sealed record ScoreInput(string? Code, decimal? Score = null, bool? Vetoed = null, string? Comment = null);
