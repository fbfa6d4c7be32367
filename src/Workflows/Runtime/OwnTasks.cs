using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Creates a task outside the template's stages — for a cycle's instance, open at once, due on a date, with
/// its own reminders and escalation on the same timers as every other task. It is a bookmark like the rest:
/// submitted, reviewed, journaled by the same code.
/// </summary>
public static class OwnTasks
{
    /// <summary>Creates the task in <paramref name="scope"/>'s transaction, opened at its <see cref="CommandScope.Now"/>.</summary>
    public static Task<long> CreateAsync(
        CommandScope scope, long instanceId, string origin, string taskKey, OwnTaskDefinition definition, DateOnly dueDate, BusinessCalendar calendar) =>
        CreateAsync(scope.Transaction, instanceId, origin, taskKey, definition, dueDate, scope.Now, calendar, scope.Cancellation);

    public static async Task<long> CreateAsync(
        NpgsqlTransaction tx, long instanceId, string origin, string taskKey, OwnTaskDefinition definition, DateOnly dueDate,
        DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        var schedule = DeadlineSchedule.ForDueDate(dueDate, definition.Rules().Deadline, now, calendar);
        var (taskId, cycleId) = await tx.Connection!.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            insert into task (cycle_id, instance_id, org_unit_id, stage, task_key, title, assignee, reviewer, gate, status,
                              opened_at, due_at, attempts, updated_at, origin, definition)
            select i.cycle_id, i.id, i.org_unit_id, i.stage_at, @taskKey, @title, @assignee, @reviewer, false, @open,
                   @now, @dueAt, 1, @now, @origin, @definition::jsonb
            from (select id, cycle_id, org_unit_id, least(stage, (select max(ordinal) from cycle_stage s where s.cycle_id = instance.cycle_id)) as stage_at
                  from instance where id = @instanceId) as i
            returning id, cycle_id
            """,
            new
            {
                instanceId, taskKey, title = definition.Task.Title, assignee = definition.Task.Assignee, reviewer = definition.Task.Reviewer,
                now, dueAt = schedule.DueAt, origin, open = nameof(TaskState.Open), definition = TaskDefinitions.Serialize(definition),
            }, tx, cancellationToken: ct));
        await DeadlineTimers.ScheduleAsync(tx, TimerTargets.Task, taskId, schedule, cycleId, ct);
        return taskId;
    }
}
