using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Workflows.Liaison;

public sealed record WorkGroupMemberView(string Name, string Role, string? Username, bool FromBackingUnit);

/// <summary>One entry of a target's progress history, oldest first; entries are added, never overwritten.</summary>
public sealed record ProgressEntryView(int Progress, string? Note, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record TargetView(string Code, string Title, DateOnly DueOn, int Progress, bool Met, bool Overdue, IReadOnlyList<ProgressEntryView> History);

public sealed record VisitView(long Id, DateOnly VisitedOn, string Summary, string RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<long> ProblemIds);

public sealed record ProblemView(
    long Id, long VisitId, string Description, string OwnerUnitCode, string OwnerUnitName, DateOnly DueOn, DateTimeOffset DueAt,
    ProblemStatus Status, bool Overdue, bool Escalated, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Note);

/// <summary>A visit just recorded, with the problems it found.</summary>
public sealed record RecordedVisit(long Id, long PointId, DateOnly VisitedOn, string Summary, string RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<ProblemView> Problems);

/// <summary>What the backing unit (后盾单位) brings: members dispatched to the work group, and the problems it took on and solved.</summary>
public sealed record BackingUnitContribution(string Code, string Name, int WorkGroupMembers, int ProblemsOwned, int ProblemsResolved);

/// <summary>A point at a glance: the leadership view's row.</summary>
public sealed record LiaisonPointSummary(
    long Id, int Year, string Leader, string LeaderDisplayName, LeaderLevel? LeaderLevel, string Community, string CommunityName,
    int Progress, int Targets, int TargetsMet, int OverdueTargets, int Problems, int OpenProblems, int OverdueProblems,
    int Visits, DateOnly? LastVisitOn, int DaysSinceLastVisit, bool VisitDue, BackingUnitContribution BackingUnit,
    IReadOnlyList<AttentionReason> Attention);

/// <summary>A point with everything it holds.</summary>
public sealed record LiaisonPointDetail(
    long Id, int Year, string Leader, string LeaderDisplayName, LeaderLevel? LeaderLevel, string Community, string CommunityName,
    string BackingUnit, string BackingUnitName, DateOnly StartedOn, DateTimeOffset CreatedAt, string CreatedBy,
    int Progress, int OverdueTargets, int OpenProblems, int OverdueProblems, DateOnly? LastVisitOn, int DaysSinceLastVisit, bool VisitDue,
    IReadOnlyList<WorkGroupMemberView> WorkGroup, IReadOnlyList<TargetView> Targets, IReadOnlyList<VisitView> Visits, IReadOnlyList<ProblemView> Problems);

/// <summary>Which points a list, dashboard or report covers: a year, one leader, a unit's subtree (a district, the city).</summary>
public sealed record LiaisonFilter(int? Year, string? Leader, string? ScopeCode);

public sealed record DashboardTotals(int Points, int Leaders, int Progress, int OpenProblems, int OverdueProblems, int OverdueTargets, int PointsDueAVisit);

/// <summary>The leadership dashboard: totals, and every point in attention order (<see cref="Attention"/>).</summary>
public sealed record LiaisonDashboard(int Year, DateOnly AsOf, int VisitDueAfterDays, DashboardTotals Totals, IReadOnlyList<LiaisonPointSummary> Points);

public sealed record LeaderComplianceView(string Username, string DisplayName, LeaderLevel Level, string OrgUnitCode, string OrgUnitName, int Points);

/// <summary>The compliance report: every leader in scope with their points, who has none, and the points not visited lately.</summary>
public sealed record LiaisonComplianceReport(
    int Year, DateOnly AsOf, int VisitDueAfterDays, IReadOnlyList<LeaderComplianceView> Leaders,
    IReadOnlyList<LeaderComplianceView> LeadersWithoutPoint, IReadOnlyList<LiaisonPointSummary> PointsWithoutRecentVisit);

/// <summary>
/// One point's year-end target-management assessment (目标管理考核), ranked by score: problems overdue (open past
/// due: failures) and not yet due (left out), and the visits required so far (<see cref="TargetManagementAssessment"/>).
/// </summary>
public sealed record LiaisonAssessmentView(
    int Rank, long Id, int Year, string Leader, string LeaderDisplayName, LeaderLevel? LeaderLevel, string Community, string CommunityName,
    string BackingUnit, string BackingUnitName, int TargetsTotal, int TargetsMet, int ProblemsFound, int ProblemsResolvedOnTime, int ProblemsResolvedLate,
    int ProblemsOverdue, int ProblemsNotYetDue, int Visits, int VisitsRequired, decimal TargetScore, decimal ProblemScore, decimal VisitScore, decimal Score);

/// <summary>A problem as its owner and the point's people list it: where it was found, who owns it, and whether the caller may resolve it.</summary>
public sealed record LiaisonProblemView(
    long Id, long PointId, int Year, string Leader, string Community, string CommunityName, long VisitId, string Description,
    string OwnerUnitCode, string OwnerUnitName, DateOnly DueOn, DateTimeOffset DueAt, ProblemStatus Status, bool Overdue, bool Escalated,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Note, bool CanResolve);
