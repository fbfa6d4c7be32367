using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>One point's counts, as the lists, the dashboard, the compliance report and the assessment read them.</summary>
sealed record PointFacts(
    long Id, int Year, DateOnly StartedOn, long LeaderUserId, string Leader, string LeaderDisplayName, string? LeaderUnitKinds,
    string Community, string CommunityName, string BackingUnit, string BackingUnitName,
    int TargetsTotal, long ProgressSum, int TargetsMet, int OverdueTargets, int Visits, DateOnly? LastVisitOn,
    int ProblemsFound, int OpenProblems, int OverdueProblems, int ResolvedOnTime, int ResolvedLate,
    int BackingMembers, int BackingOwned, int BackingResolved)
{
    public LeaderLevel? Level => LeaderLevels.Of(LeaderUnitKinds);

    public PointStanding Standing(DateOnly today, LiaisonPolicy policy)
    {
        var days = VisitClock.DaysWithoutVisit(LastVisitOn, StartedOn, today, Year);
        return new PointStanding(OverdueProblems, OverdueTargets, VisitClock.IsVisitDue(days, policy.VisitDueAfterDays), days, OpenProblems,
            TargetProgress.Overall(ProgressSum, TargetsTotal));
    }

    public LiaisonPointSummary Summary(DateOnly today, LiaisonPolicy policy)
    {
        var s = Standing(today, policy);
        return new LiaisonPointSummary(Id, Year, Leader, LeaderDisplayName, Level, Community, CommunityName, s.Progress, TargetsTotal, TargetsMet,
            OverdueTargets, ProblemsFound, OpenProblems, OverdueProblems, Visits, LastVisitOn, s.DaysWithoutVisit, s.VisitDue,
            new BackingUnitContribution(BackingUnit, BackingUnitName, BackingMembers, BackingOwned, BackingResolved), Attention.Reasons(s));
    }

    /// <summary>The assessment's facts as of <paramref name="today"/>: open problems not yet due, and the visits required so far.</summary>
    public AssessmentFacts Assessment(DateOnly today, LiaisonPolicy policy) => new(TargetsTotal, TargetsMet, ProblemsFound, ResolvedOnTime, ResolvedLate,
        OpenProblems - OverdueProblems, Visits, TargetManagementAssessment.VisitsRequired(policy.ExpectedVisitsPerYear, StartedOn, Year, today));

    public LiaisonAssessmentView Assessed(int rank, AssessmentFacts f, AssessmentScore s) => new(rank, Id, Year, Leader, LeaderDisplayName, Level, Community, CommunityName,
        BackingUnit, BackingUnitName, TargetsTotal, TargetsMet, ProblemsFound, ResolvedOnTime, ResolvedLate, f.ProblemsOverdue, f.ProblemsNotYetDue,
        Visits, f.VisitsRequired, s.Targets, s.Problems, s.Visits, s.Score);
}
