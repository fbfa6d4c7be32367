using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// A task's reminders, deadline and escalations: each tells the people answering for the assignee role (or,
/// for an escalation, for the role the step names) — as long as the task still waits on its assignee.
/// </summary>
public sealed class TaskTimers(CycleDefinitions definitions) : ITimerHandler
{
    public const string Target = "Task";

    public string TargetKind => Target;

    sealed record TaskRow(long Id, string Status, DateTimeOffset? DueAt, string Title, string TaskKey, string Assignee, string Origin, string? Definition, long OrgUnitId, int Stage, string UnitCode, string UnitName, long CycleId, string CycleStatus);

    public async Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var tasks = (await connection.QueryAsync<TaskRow>(new CommandDefinition(
            """
            select t.id, t.status, t.due_at, t.title, t.task_key, t.assignee, t.origin, t.definition::text, t.org_unit_id, t.stage,
                   u.code as unit_code, u.name as unit_name, t.cycle_id, c.status as cycle_status
            from task t join org_unit u on u.id = t.org_unit_id join cycle c on c.id = t.cycle_id
            where t.id = any(@ids)
            """, new { ids = timers.Select(t => t.TargetId).Distinct().ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(t => t.Id);
        var fired = new List<long>();
        var notices = new List<Notice>();
        var entries = new List<JournalDraft>();
        var overdue = new List<long>();
        foreach (var timer in timers)
        {
            if (!tasks.TryGetValue(timer.TargetId, out var task) || !TaskLife.CanChange(task.CycleStatus, task.Origin) || !Enum.Parse<TaskState>(task.Status).AwaitsAssignee())
                continue;
            // a reminder that comes after the due time (no dispatcher ran meanwhile) is stale: the Overdue timer tells instead
            if (timer.Kind == "Reminder" && task.DueAt < now)
                continue;
            var (audience, subject, detail) = timer.Kind switch
            {
                "Reminder" => (task.Assignee, NoticeText.Reminder(task.UnitName, task.Title, task.DueAt!.Value, timer.Step!.Value), (object)new { daysBefore = timer.Step }),
                "Overdue" => (task.Assignee, NoticeText.Overdue(task.UnitName, task.Title, task.DueAt!.Value), new { dueAt = task.DueAt }),
                _ => await EscalationAsync(connection, timer, task, ct),
            };
            notices.Add(new Notice($"timer:{timer.Id}", timer.Kind, subject, task.OrgUnitId, audience, CycleId: task.CycleId, TaskId: task.Id));
            entries.Add(new(JournalStreams.Cycle(task.CycleId), timer.Kind, $"task:{task.Id}", new { task.UnitCode, task.TaskKey, audience, detail }));
            if (timer.Kind == "Overdue") overdue.Add(task.Id);
            fired.Add(timer.Id);
        }
        if (overdue.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                "update task set overdue_at = coalesce(overdue_at, @now) where id = any(@overdue)", new { now, overdue = overdue.ToArray() }, tx, cancellationToken: ct));
        return new TimerEffects(fired, notices, entries);
    }

    async Task<(string Audience, string Subject, object Detail)> EscalationAsync(NpgsqlConnection connection, DueTimer timer, TaskRow task, CancellationToken ct)
    {
        var steps = task.Origin == TaskOrigins.Stage
            ? await StageEscalationAsync(connection, task, ct)
            : TaskDefinitions.OwnEscalation(task.Definition!);
        var step = steps[timer.Step!.Value - 1];
        return (step.To, NoticeText.Escalation(task.UnitName, task.Title, task.DueAt!.Value, step.AfterWorkdays), new { step = timer.Step, step.AfterWorkdays, to = step.To });
    }

    async Task<IReadOnlyList<Domain.Definitions.EscalationStep>> StageEscalationAsync(NpgsqlConnection connection, TaskRow task, CancellationToken ct)
    {
        var definition = await definitions.GetAsync(connection, task.CycleId, ct);
        return definition.Stages[task.Stage].Escalation ?? definition.Escalation;
    }
}
