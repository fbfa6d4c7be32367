using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// A finding (问题) and where its rectification (整改) stands. <see cref="DueAt"/> is the rectification's deadline,
/// <see cref="AssumedYears"/> the years it crossed without a published holiday schedule (weekends only counted),
/// <see cref="Reviewer"/> the role that verifies it (<c>inspector</c> or <c>districtAdmin</c>: the recorder's).
/// </summary>
public sealed record FindingView(
    long Id,
    long CycleId,
    string OrgUnitCode,
    string OrgUnitName,
    string Description,
    FindingSeverity Severity,
    string? IndicatorCode,
    int RectifyWithinDays,
    FindingStatus Status,
    bool Overdue,
    long RectificationTaskId,
    DateTimeOffset DueAt,
    IReadOnlyList<int> AssumedYears,
    string Reviewer,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? VerifiedAt);

/// <summary>How many findings are Open, Rectifying, Verified, and overdue (not verified past their due time).</summary>
public sealed record FindingCounts(int Total, int Open, int Rectifying, int Verified, int Overdue)
{
    public static FindingCounts Of(IEnumerable<FindingView> findings)
    {
        var list = findings.ToList();
        return new FindingCounts(list.Count, list.Count(f => f.Status == FindingStatus.Open), list.Count(f => f.Status == FindingStatus.Rectifying),
            list.Count(f => f.Status == FindingStatus.Verified), list.Count(f => f.Overdue));
    }
}

public sealed record UnitFindingCounts(string OrgUnitCode, string Name, FindingCounts Findings);

/// <summary>The counts over the cycle (as far as the caller sees) and per participant, those without findings included.</summary>
public sealed record FindingSummary(FindingCounts Cycle, IReadOnlyList<UnitFindingCounts> Units);
