using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// A liaison-point problem's reminders and deadline tell the people answering for its owner unit
/// (<see cref="ProblemOwners.AudiencesFor"/>); its escalation goes to the point's leader in person — as long as
/// the problem is open.
/// </summary>
public sealed class ProblemTimers(CommunityWorkflowsOptions options) : ITimerHandler
{
    public const string Target = "Problem";
    public const string Leader = "leader";
    public const string Reminder = "ProblemReminder";
    public const string Overdue = "ProblemOverdue";
    public const string Escalation = "ProblemEscalation";

    public string TargetKind => Target;

    sealed record ProblemRow(
        long Id, long PointId, string Description, DateOnly DueOn, DateTimeOffset DueAt, string Status, long OwnerUnitId, string OwnerKind, string OwnerName,
        bool OwnerInStreet, long LeaderUserId, string CommunityName);

    public async Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var problems = (await connection.QueryAsync<ProblemRow>(new CommandDefinition(
            """
            select q.id, q.point_id, q.description, q.due_on, q.due_at, q.status, q.owner_unit_id, o.kind as owner_kind, o.name as owner_name,
                   o.street_id is not null as owner_in_street, p.leader_user_id, c.name as community_name
            from liaison_problem q
            join liaison_point p on p.id = q.point_id
            join org_unit o on o.id = q.owner_unit_id
            join org_unit c on c.id = p.community_id
            where q.id = any(@ids)
            """, new { ids = timers.Select(t => t.TargetId).Distinct().ToArray() }, tx, cancellationToken: ct))).ToDictionary(p => p.Id);
        var (fired, notices, entries) = (new List<long>(), new List<Notice>(), new List<JournalDraft>());
        var (overdue, escalated) = (new List<long>(), new List<long>());
        foreach (var timer in timers)
        {
            if (!problems.TryGetValue(timer.TargetId, out var problem) || problem.Status != nameof(ProblemStatus.Open)) continue;
            // a reminder that comes after the due time (no host ran meanwhile) is stale: the Overdue timer tells instead
            if (timer.Kind == "Reminder" && problem.DueAt < now) continue;
            var audiences = ProblemOwners.AudiencesFor(Enum.Parse<OrgUnitKind>(problem.OwnerKind), problem.OwnerInStreet);
            var (kind, recipients) = timer.Kind switch
            {
                "Reminder" => (Reminder, ToOwner(timer, problem, audiences, Reminder,
                    LiaisonNoticeText.ProblemReminder(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn, timer.Step ?? 0))),
                "Overdue" => (Overdue, ToOwner(timer, problem, audiences, Overdue,
                    LiaisonNoticeText.ProblemOverdue(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn))),
                _ => (Escalation, [new Notice($"timer:{timer.Id}", Escalation,
                    LiaisonNoticeText.ProblemEscalation(problem.OwnerName, problem.CommunityName, problem.Description, problem.DueOn, WorkdaysLate(timer)),
                    problem.OwnerUnitId, null, UserIds: [problem.LeaderUserId], ProblemId: problem.Id)]),
            };
            notices.AddRange(recipients);
            entries.Add(new(JournalStreams.LiaisonPoint(problem.PointId), kind, $"problem:{problem.Id}",
                new { owner = problem.OwnerName, to = kind == Escalation ? [Leader] : audiences, step = timer.Step }));
            if (timer.Kind == "Overdue") overdue.Add(problem.Id);
            if (timer.Kind == "Escalation") escalated.Add(problem.Id);
            fired.Add(timer.Id);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update liaison_problem set overdue_at = coalesce(overdue_at, @now) where id = any(@overdue);
            update liaison_problem set escalated_at = coalesce(escalated_at, @now) where id = any(@escalated);
            """, new { now, overdue = overdue.ToArray(), escalated = escalated.ToArray() }, tx, cancellationToken: ct));
        return new TimerEffects(fired, notices, entries);
    }

    /// <summary>One notice per participant role answering for the owner unit, under one key: someone in both roles hears it once.</summary>
    static IReadOnlyList<Notice> ToOwner(DueTimer timer, ProblemRow problem, IReadOnlyList<string> audiences, string kind, string subject) =>
        audiences.Select(a => new Notice($"timer:{timer.Id}", kind, subject, problem.OwnerUnitId, a, ProblemId: problem.Id)).ToList();

    int WorkdaysLate(DueTimer timer)
    {
        var steps = options.Liaison.ProblemEscalationWorkdays;
        return timer.Step is { } s && s >= 1 && s <= steps.Count ? steps[s - 1] : timer.Step ?? 1;
    }
}
