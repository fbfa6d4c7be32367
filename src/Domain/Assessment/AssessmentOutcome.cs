namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// A participant's assessment as far as its scores and votes go. <see cref="IndicatorScore"/> is on a 100-point
/// scale (null before any scored indicator has points), <see cref="RatingScore"/> the average points per vote
/// (null before the votes are in); <see cref="Total"/> and <see cref="Grade"/> come only once the sheet is
/// <see cref="Complete"/>: every scored indicator has points and, when the rating counts, votes are in.
/// </summary>
public sealed record AssessmentOutcome(
    decimal? IndicatorScore,
    decimal? RatingScore,
    decimal Bonus,
    decimal? Total,
    bool Vetoed,
    IReadOnlyList<string> VetoedBy,
    IReadOnlyList<string> Missing,
    Grade? Grade)
{
    public bool Complete => Total is not null;
}
