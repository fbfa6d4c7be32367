using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// What an accepted task sets moving, in the same transaction: tasks waiting on it open; when every gated
/// task of the instance's stage is accepted the instance enters the next stage (its tasks open at once if
/// the stage has opened) or completes; the last instance to complete completes the cycle.
/// </summary>
static class StageProgress
{
    public static async Task<IReadOnlyList<JournalDraft>> AfterAcceptAsync(
        NpgsqlTransaction tx, TaskContext task, TemplateDefinition definition, DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        var stream = JournalStreams.Cycle(task.CycleId);
        var entries = new List<JournalDraft>();
        var connection = tx.Connection!;
        var states = (await connection.QueryAsync<(string Key, string Status)>(new CommandDefinition(
            "select task_key, status from task where instance_id = @instanceId and stage = @stage",
            new { task.InstanceId, task.Stage }, tx, cancellationToken: ct))).ToDictionary(r => r.Key, r => Enum.Parse<TaskState>(r.Status));
        // this transaction accepted it a moment ago
        states[task.TaskKey] = TaskState.Accepted;
        var stage = definition.Stages[task.Stage];
        var stageOpensAt = await StageOpensAtAsync(tx, task.CycleId, task.Stage, ct);

        var ready = stage.Tasks
            .Where(t => t.After.Contains(task.TaskKey) && TaskTransitions.Open.CanApply(states[t.Key]) && t.After.All(a => states[a] == TaskState.Accepted))
            .Select(t => t.Key).ToList();
        if (await TaskOpening.OpenAsync(tx, task.CycleId, definition, task.Stage, ready, task.InstanceId, stageOpensAt, now, calendar, ct) > 0)
            entries.Add(new(stream, "TasksOpened", task.Units.ParticipantCode, new { stage = stage.Key, tasks = ready }));

        var gateHolds = stage.Tasks.Where(t => t.Gate).All(t => states[t.Key] == TaskState.Accepted);
        if (task.Stage != task.InstanceStage || !gateHolds)
            return entries;

        entries.Add(new(stream, "StageCompleted", task.Units.ParticipantCode, new { stage = stage.Key }));
        var next = task.Stage + 1;
        if (next < definition.Stages.Count)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update instance set stage = @next where id = @instanceId", new { next, task.InstanceId }, tx, cancellationToken: ct));
            // read under a share lock: a dispatcher opening this stage right now either finished (opened is true)
            // or waits for this transaction, and then finds the instance in the stage
            var nextStage = await connection.QuerySingleAsync<(DateTimeOffset OpensAt, bool Opened)>(new CommandDefinition(
                "select opens_at, opened from cycle_stage where cycle_id = @cycleId and ordinal = @next for share",
                new { task.CycleId, next }, tx, cancellationToken: ct));
            var nextOpensAt = nextStage.OpensAt;
            var opened = nextStage.Opened || nextOpensAt <= now
                ? await TaskOpening.OpenAsync(tx, task.CycleId, definition, next, TaskOpening.InitialTasks(definition.Stages[next]), task.InstanceId, nextOpensAt, now, calendar, ct)
                : 0;
            entries.Add(new(stream, "StageEntered", task.Units.ParticipantCode, new { stage = definition.Stages[next].Key, tasksOpened = opened }));
            return entries;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "update instance set status = 'Completed', completed_at = @now where id = @instanceId", new { now, task.InstanceId }, tx, cancellationToken: ct));
        entries.Add(new(stream, "InstanceCompleted", task.Units.ParticipantCode));
        // the last instances to complete take turns on the cycle row, so one of them sees all others completed
        await connection.ExecuteAsync(new CommandDefinition(
            "select 1 from cycle where id = @cycleId for no key update", new { task.CycleId }, tx, cancellationToken: ct));
        var cycleCompleted = await connection.ExecuteAsync(new CommandDefinition(
            """
            update cycle set status = 'Completed', completed_at = @now
            where id = @cycleId and status = 'Running' and not exists (select 1 from instance where cycle_id = @cycleId and status = 'Running')
            """, new { now, task.CycleId }, tx, cancellationToken: ct));
        if (cycleCompleted > 0)
            entries.Add(new(stream, "CycleCompleted"));
        return entries;
    }

    static Task<DateTimeOffset> StageOpensAtAsync(NpgsqlTransaction tx, long cycleId, int stage, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<DateTimeOffset>(new CommandDefinition(
            "select opens_at from cycle_stage where cycle_id = @cycleId and ordinal = @stage", new { cycleId, stage }, tx, cancellationToken: ct));
}
