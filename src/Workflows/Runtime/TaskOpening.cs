using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Opens pending tasks, set-based: one statement moves every matching task to Open with its due time and
/// writes its reminder, overdue and escalation timers. Only Pending rows move, so opening twice opens
/// nothing twice.
/// </summary>
static class TaskOpening
{
    /// <summary>
    /// Opens, in <paramref name="stage"/>, the tasks named by <paramref name="taskKeys"/> of every running
    /// instance standing at that stage (or of <paramref name="instanceId"/> only). Returns how many opened.
    /// </summary>
    public static async Task<int> OpenAsync(
        NpgsqlTransaction tx, long cycleId, TemplateDefinition definition, int stage, IReadOnlyCollection<string> taskKeys,
        long? instanceId, DateTimeOffset stageOpensAt, DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        if (taskKeys.Count == 0) return 0;
        var stageDefinition = definition.Stages[stage];
        var schedule = DeadlineSchedule.ForStage(definition, stageDefinition, ChinaTime.DateOf(stageOpensAt), now, calendar);
        var timers = schedule.Timers();
        return await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with opened as (
                update task t
                set status = 'Open', opened_at = @now, due_at = @dueAt, attempts = 1, updated_at = @now
                from instance i
                where t.instance_id = i.id and t.cycle_id = @cycleId and t.stage = @stage and t.status = 'Pending'
                  and t.task_key = any(@taskKeys) and i.status = 'Running' and i.stage >= @stage
                  and (@instanceId::bigint is null or i.id = @instanceId)
                returning t.id
            ), timers as (
                -- a data-modifying CTE runs whether or not the final select reads it
                insert into timer (due_at, kind, target_kind, target_id, cycle_id, stage, step, idempotency_key)
                select s.at, s.kind, 'Task', o.id, @cycleId, @stage, s.step, 'task:' || o.id || ':' || s.kind || ':' || s.step
                from opened o cross join unnest(@ats, @kinds, @steps) as s(at, kind, step)
            )
            select count(*)::int from opened
            """,
            new
            {
                cycleId, stage, now, dueAt = schedule.DueAt, taskKeys = taskKeys.ToArray(), instanceId,
                ats = timers.Select(t => t.At.ToUniversalTime()).ToArray(),
                kinds = timers.Select(t => t.Kind).ToArray(),
                steps = timers.Select(t => t.Step).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>The tasks of a stage that open as soon as the stage does: those waiting on no other task.</summary>
    public static IReadOnlyList<string> InitialTasks(StageDefinition stage) =>
        stage.Tasks.Where(t => t.After.Count == 0).Select(t => t.Key).ToList();
}
