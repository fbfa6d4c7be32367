using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// A liaison-point problem's reminders and deadline tell the people answering for its owner unit
/// (<see cref="ProblemOwners.AudiencesFor"/>); its escalation goes to the point's leader in person — as long as
/// the problem is open.
/// </summary>
public sealed class ProblemTimers(CommunityWorkflowsOptions options) : DeadlineTimerHandler<ProblemTimers.ProblemRow>
{
    public const string Target = TimerTargets.Problem;
    public const string Leader = "leader";
    public const string Reminder = "ProblemReminder";
    public const string Overdue = "ProblemOverdue";
    public const string Escalation = "ProblemEscalation";

    public override string TargetKind => Target;

    protected override string Table => "liaison_problem";

    protected override bool MarksEscalation => true;

    public sealed record ProblemRow(
        long Id, long PointId, string Description, DateOnly DueOn, DateTimeOffset DueAt, string Status, long OwnerUnitId, string OwnerKind, string OwnerName,
        bool OwnerInStreet, long LeaderUserId, string CommunityName)
    {
        public IReadOnlyList<string> Audiences => ProblemOwners.AudiencesFor(Enum.Parse<OrgUnitKind>(OwnerKind), OwnerInStreet);
    }

    protected override long IdOf(ProblemRow problem) => problem.Id;

    protected override string TargetsSql =>
        """
        select q.id, q.point_id, q.description, q.due_on, q.due_at, q.status, q.owner_unit_id, o.kind as owner_kind, o.name as owner_name,
               o.street_id is not null as owner_in_street, p.leader_user_id, c.name as community_name
        from liaison_problem q
        join liaison_point p on p.id = q.point_id
        join org_unit o on o.id = q.owner_unit_id
        join org_unit c on c.id = p.community_id
        where q.id = any(@ids)
        """;

    protected override bool Waits(ProblemRow problem) => problem.Status == nameof(ProblemStatus.Open);

    protected override DateTimeOffset? DueAt(ProblemRow problem) => problem.DueAt;

    protected override TimerFiring ReminderFiring(DueTimer timer, ProblemRow problem) => ToOwner(timer, problem, Reminder,
        LiaisonNoticeText.ProblemReminder(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn, timer.Step ?? 0));

    protected override TimerFiring OverdueFiring(DueTimer timer, ProblemRow problem) => ToOwner(timer, problem, Overdue,
        LiaisonNoticeText.ProblemOverdue(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn));

    protected override TimerFiring EscalationFiring(DueTimer timer, ProblemRow problem) => new(
        new Notice(TimerFiring.NoticeKey(timer), Escalation,
            LiaisonNoticeText.ProblemEscalation(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn, WorkdaysLate(timer)),
            problem.OwnerUnitId, null, UserIds: [problem.LeaderUserId], ProblemId: problem.Id),
        Journal(timer, problem, Escalation, [Leader]));

    /// <summary>One notice per participant role answering for the owner unit, under one key: someone in both roles hears it once.</summary>
    static TimerFiring ToOwner(DueTimer timer, ProblemRow problem, string kind, string subject) => new(
        problem.Audiences.Select(a => new Notice(TimerFiring.NoticeKey(timer), kind, subject, problem.OwnerUnitId, a, ProblemId: problem.Id)).ToList(),
        Journal(timer, problem, kind, problem.Audiences));

    static JournalDraft Journal(DueTimer timer, ProblemRow problem, string kind, IReadOnlyList<string> to) =>
        new(JournalStreams.LiaisonPoint(problem.PointId), kind, $"problem:{problem.Id}", new { owner = problem.OwnerName, to, step = timer.Step });

    int WorkdaysLate(DueTimer timer)
    {
        var steps = options.Liaison.ProblemEscalationWorkdays;
        return timer.Step is { } s && s >= 1 && s <= steps.Count ? steps[s - 1] : timer.Step ?? 1;
    }
}
