using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// Fires due timers in batches. Each batch claims its rows with FOR UPDATE SKIP LOCKED and, in one
/// transaction, writes their effects (stage openings, notices, overdue marks, journal entries) and marks
/// them fired: several dispatchers never fire a timer twice, and a crash rolls the batch back to be
/// fired again. A timer whose task no longer waits on its assignee is marked skipped.
/// </summary>
public sealed class TimerDispatcher(
    NpgsqlDataSource db, EventJournal journal, Calendars calendars, CycleDefinitions definitions, NoticeWriter notices,
    ILogger<TimerDispatcher> logger)
{
    public const int DefaultBatchSize = 2000;
    const string Actor = "timers";

    /// <summary>Fires every timer due at or before <paramref name="now"/>, including those that firing creates.</summary>
    public async Task<DispatchResult> DispatchDueAsync(DateTimeOffset now, CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        var calendar = await calendars.LoadAsync(ct);
        var total = DispatchResult.None;
        while (await DispatchBatchAsync(now, batchSize, calendar, ct) is { } batch)
            total = total.Plus(batch);
        if (total.Fired + total.Skipped > 0)
            logger.LogInformation("Dispatched {Fired} timers ({Skipped} skipped, {Notifications} notifications) due by {Now}", total.Fired, total.Skipped, total.Notifications, now);
        return total;
    }

    sealed record Claimed(long Id, string Kind, long CycleId, int? Stage, long? TaskId, int? Step);

    sealed record TaskRow(long Id, string Status, DateTimeOffset? DueAt, string Title, string TaskKey, string Assignee, long InstanceId, int Stage, string UnitCode, string UnitName, string CycleStatus);

    async Task<DispatchResult?> DispatchBatchAsync(DateTimeOffset now, int batchSize, BusinessCalendar calendar, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var claimed = (await connection.QueryAsync<Claimed>(new CommandDefinition(
            """
            select id, kind, cycle_id, stage, task_id, step from timer
            where fired_at is null and due_at <= @now
            order by due_at, id
            limit @batchSize
            for update skip locked
            """, new { now, batchSize }, tx, cancellationToken: ct))).ToList();
        if (claimed.Count == 0) return null;

        var fired = new List<long>();
        var entries = new List<JournalDraft>();
        var firedByKind = new Dictionary<string, int>();
        foreach (var timer in claimed.Where(t => t.Kind == "StageOpen"))
        {
            if (!await StageOpenAsync(tx, timer, now, calendar, entries, ct)) continue;
            fired.Add(timer.Id);
        }
        var (taskNotices, overdueTasks) = await TaskTimersAsync(tx, claimed.Where(t => t.TaskId is not null).ToList(), entries, fired, ct);
        foreach (var kind in claimed.Where(t => fired.Contains(t.Id)).GroupBy(t => t.Kind))
            firedByKind[kind.Key] = kind.Count();

        await connection.ExecuteAsync(new CommandDefinition(
            """
            update timer set fired_at = @now, outcome = case when id = any(@fired) then 'Fired' else 'Skipped' end where id = any(@all);
            update task set overdue_at = coalesce(overdue_at, @now) where id = any(@overdueTasks);
            """,
            new { now, fired = fired.ToArray(), all = claimed.Select(t => t.Id).ToArray(), overdueTasks = overdueTasks.ToArray() }, tx, cancellationToken: ct));
        var written = await notices.WriteAsync(tx, taskNotices, now, ct);
        await journal.AppendAsync(tx, now, Actor, entries, ct);
        await tx.CommitAsync(ct);
        return new DispatchResult(fired.Count, claimed.Count - fired.Count, written, firedByKind);
    }

    async Task<bool> StageOpenAsync(NpgsqlTransaction tx, Claimed timer, DateTimeOffset now, BusinessCalendar calendar, List<JournalDraft> entries, CancellationToken ct)
    {
        var stage = await tx.Connection!.QuerySingleAsync<(string CycleStatus, DateTimeOffset OpensAt, string Key)>(new CommandDefinition(
            """
            select c.status, s.opens_at, s.key from cycle c join cycle_stage s on s.cycle_id = c.id and s.ordinal = @stage where c.id = @cycleId
            """, new { timer.CycleId, stage = timer.Stage!.Value }, tx, cancellationToken: ct));
        if (stage.CycleStatus != "Running") return false;
        var definition = await definitions.GetAsync(tx.Connection!, timer.CycleId, ct);
        var opened = await StageOpening.OpenAsync(tx, timer.CycleId, definition, timer.Stage.Value, stage.OpensAt, now, calendar, ct);
        entries.Add(new(JournalStreams.Cycle(timer.CycleId), "StageOpened", stage.Key, new { stage = timer.Stage, tasksOpened = opened }));
        return true;
    }

    async Task<(List<Notice> Notices, List<long> OverdueTasks)> TaskTimersAsync(
        NpgsqlTransaction tx, List<Claimed> timers, List<JournalDraft> entries, List<long> fired, CancellationToken ct)
    {
        var notices = new List<Notice>();
        var overdue = new List<long>();
        if (timers.Count == 0) return (notices, overdue);
        var tasks = (await tx.Connection!.QueryAsync<TaskRow>(new CommandDefinition(
            """
            select t.id, t.status, t.due_at, t.title, t.task_key, t.assignee, t.instance_id, t.stage, u.code as unit_code, u.name as unit_name, c.status as cycle_status
            from task t join org_unit u on u.id = t.org_unit_id join cycle c on c.id = t.cycle_id
            where t.id = any(@ids)
            """, new { ids = timers.Select(t => t.TaskId!.Value).Distinct().ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(t => t.Id);
        foreach (var timer in timers)
        {
            var task = tasks[timer.TaskId!.Value];
            if (task.CycleStatus != "Running" || !Enum.Parse<TaskState>(task.Status).AwaitsAssignee()) continue;
            var (audience, subject, detail) = timer.Kind switch
            {
                "Reminder" => (task.Assignee, NoticeText.Reminder(task.UnitName, task.Title, task.DueAt!.Value, timer.Step!.Value), (object)new { daysBefore = timer.Step }),
                "Overdue" => (task.Assignee, NoticeText.Overdue(task.UnitName, task.Title, task.DueAt!.Value), new { dueAt = task.DueAt }),
                _ => await EscalationAsync(tx, timer, task, ct),
            };
            notices.Add(new Notice($"timer:{timer.Id}", timer.Kind, subject, timer.CycleId, task.Id, task.InstanceId, audience));
            entries.Add(new(JournalStreams.Cycle(timer.CycleId), timer.Kind, $"task:{task.Id}", new { task.UnitCode, task.TaskKey, audience, detail }));
            if (timer.Kind == "Overdue") overdue.Add(task.Id);
            fired.Add(timer.Id);
        }
        return (notices, overdue);
    }

    async Task<(string Audience, string Subject, object Detail)> EscalationAsync(NpgsqlTransaction tx, Claimed timer, TaskRow task, CancellationToken ct)
    {
        var definition = await definitions.GetAsync(tx.Connection!, timer.CycleId, ct);
        var stage = definition.Stages[task.Stage];
        var step = (stage.Escalation ?? definition.Escalation)[timer.Step!.Value - 1];
        return (step.To, NoticeText.Escalation(task.UnitName, task.Title, task.DueAt!.Value, step.AfterWorkdays), new { step = timer.Step, step.AfterWorkdays, to = step.To });
    }
}
