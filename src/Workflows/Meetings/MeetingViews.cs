using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// Which meetings to list: of one unit, a year (by period start), a status (Due, Overdue, Held) or a cadence,
/// with periods starting between <see cref="From"/> and <see cref="To"/> (inclusive) when given; in period
/// order, or the newest first (for a capped feed that keeps what is current).
/// </summary>
public sealed record MeetingFilter(
    string? OrgUnitCode, int? Year, string? Status, string? CadenceKey, int Limit = 1000, int Offset = 0,
    DateOnly? From = null, DateOnly? To = null, bool NewestFirst = false);

/// <summary>
/// A meeting obligation. <see cref="Status"/> is Held, Overdue (due time passed, not recorded) or Due;
/// <see cref="Late"/> marks a meeting recorded after its due time, for good.
/// </summary>
public sealed record MeetingView(
    long Id, string CadenceKey, string Title, string OrgUnitCode, string OrgUnitName, DateOnly PeriodStart, DateOnly PeriodEnd, string Period,
    DateTimeOffset DueAt, string Status, bool Overdue, bool Late, DateOnly? HeldOn);

/// <summary>A meeting with its record and evidence, and whether the caller may record it.</summary>
public sealed record MeetingDetail(
    long Id, string CadenceKey, string Title, string OrgUnitCode, string OrgUnitName, DateOnly PeriodStart, DateOnly PeriodEnd, string Period,
    DateTimeOffset DueAt, string Status, bool Overdue, bool Late, DateOnly? HeldOn, IReadOnlyList<string> Attendees, IReadOnlyList<string> Topics,
    string? Minutes, IReadOnlyList<string> Decisions, DateTimeOffset OpenedAt, DateTimeOffset? RecordedAt, string? RecordedBy,
    IReadOnlyList<EvidenceView> Evidence, bool CanRecord);

/// <summary>
/// One unit's meetings of one cadence in a year: how many were owed (<see cref="Due"/>), held on time, held
/// late, missed (due time passed, not held) and still open.
/// </summary>
public sealed record MeetingCompliance(
    string OrgUnitCode, string OrgUnitName, string Kind, string CadenceKey, string CadenceName, int Year, int Due, int Held, int Late, int Missed, int Open);
