using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Timers;
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
        var schedule = DeadlineSchedule.ForStage(definition, definition.Stages[stage], ChinaTime.DateOf(stageOpensAt), now, calendar);
        var open = TaskTransitions.Open;
        return await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            with opened as (
                update task t
                set status = @to, opened_at = @now, due_at = @dueAt, attempts = 1, updated_at = @now
                from instance i
                where t.instance_id = i.id and t.cycle_id = @cycleId and t.stage = @stage and t.status = any(@from)
                  and t.task_key = any(@taskKeys) and i.status = 'Running' and i.stage >= @stage
                  and (@instanceId::bigint is null or i.id = @instanceId)
                returning t.id
            ), timers as (
                -- a data-modifying CTE runs whether or not the final select reads it
                {DeadlineTimers.InsertSql("opened o", "o.id", "@stage")}
            )
            select count(*)::int from opened
            """,
            DeadlineTimers.Arguments(TimerTargets.Task, schedule.Timers(), new
            {
                cycleId, stage, now, dueAt = schedule.DueAt, taskKeys = taskKeys.ToArray(), instanceId, from = open.FromNames, to = open.ToName,
            }), tx, cancellationToken: ct));
    }

    /// <summary>The tasks of a stage that open as soon as the stage does: those waiting on no other task.</summary>
    public static IReadOnlyList<string> InitialTasks(StageDefinition stage) =>
        stage.Tasks.Where(t => t.After.Count == 0).Select(t => t.Key).ToList();
}
