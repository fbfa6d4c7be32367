namespace CommunityWorkflows.Domain.Liaison;

/// <summary>What a leader needs to see of a point at a glance, and what decides its place on the dashboard.</summary>
public sealed record PointStanding(int OverdueProblems, int OverdueTargets, bool VisitDue, int DaysWithoutVisit, int OpenProblems, int Progress);
