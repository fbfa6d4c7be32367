using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class OwnTaskTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly OwnTaskDefinition Rectification = new(
        new TaskDefinition("rectify", "整改：党员活动室未挂牌", null, "directResponsible", "inspector", false, false, [],
            [new FormField("measures", "整改措施", "text", true)]),
        new ReminderRule([3]), [new EscalationStep(1, "directResponsible"), new EscalationStep(2, "firstResponsible")]);

    /// <summary>A rectification of the cycle's first instance, due on <paramref name="dueOn"/>; <paramref name="alsoSql"/> runs in the same transaction.</summary>
    async Task<long> CreateRectificationAsync(long cycleId, string key, DateOnly dueOn, string? alsoSql = null)
    {
        await using var connection = await engine.Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var instanceId = await connection.ExecuteScalarAsync<long>("select id from instance where cycle_id = @cycleId", new { cycleId }, tx);
        var taskId = await OwnTasks.CreateAsync(tx, instanceId, TaskOrigins.Rectification, key, Rectification,
            dueOn, engine.Clock.GetUtcNow(), BusinessCalendar.WeekendsOnly, CancellationToken.None);
        if (alsoSql is not null)
            await connection.ExecuteAsync(alsoSql, new { cycleId }, tx);
        await tx.CommitAsync();
        return taskId;
    }

    [Fact]
    public async Task A_task_outside_the_stages_runs_on_the_same_timers_and_actions_and_its_timers_stop_when_accepted()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var taskId = await CreateRectificationAsync(cycle.Id, "rectify:1", new DateOnly(world.Year, 1, 20));

        var officer = await world.CallerAsync("s1-officer");
        var detail = await engine.Get<TaskQueries>().GetAsync(taskId, officer, CancellationToken.None);
        Assert.Equal("Open", detail.Status);
        Assert.True(detail.CanSubmit);
        Assert.Equal(["measures"], detail.Form.Select(f => f.Key));

        await world.AdvanceToAsync(1, 21, hour: 10);
        var inbox = await engine.Get<Inbox>().ListAsync(false, null, 100, null, officer, CancellationToken.None);
        Assert.Contains(inbox, n => n.Kind == "Overdue" && n.TaskId == taskId);
        Assert.Contains(inbox, n => n.Kind == "Escalation" && n.TaskId == taskId);

        await engine.Get<TaskActions>().SubmitAsync(taskId, JsonDocument.Parse("""{"measures": "已挂牌"}""").RootElement, null, officer, CancellationToken.None);
        var accepted = await engine.Get<TaskActions>().ReviewAsync(taskId, "Accept", "已销号", await world.CallerAsync("inspector"), CancellationToken.None);
        Assert.Equal("Accepted", accepted.Status);
        Assert.Equal(0, await engine.PendingTimersAsync("Task", taskId));
        var participants = await engine.Get<CycleQueries>().ParticipantsAsync(cycle.Id, await world.CallerAsync("district-admin"), CancellationToken.None);
        Assert.Equal("TargetSetting", participants.Single().Stage);
    }

    [Fact]
    public async Task A_rectification_is_followed_up_after_its_cycle_completes_while_stage_tasks_stand_still()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        // the cycle's stages are all done (completed the way StageProgress completes it)
        var taskId = await CreateRectificationAsync(cycle.Id, "rectify:2", new DateOnly(world.Year, 2, 20),
            "update cycle set status = 'Completed', completed_at = now() where id = @cycleId");
        var officer = await world.CallerAsync("s1-officer");

        await world.AdvanceToAsync(2, 17, hour: 10);
        Assert.Contains(await engine.Get<Inbox>().ListAsync(false, "Reminder", 100, null, officer, CancellationToken.None), n => n.TaskId == taskId);
        var submitted = await engine.Get<TaskActions>().SubmitAsync(taskId, JsonDocument.Parse("""{"measures": "已整改"}""").RootElement, null, officer, CancellationToken.None);
        Assert.Equal("Submitted", submitted.Status);
        var stageTask = (await engine.Get<TaskQueries>().ListAsync(new TaskFilter("Open", null, cycle.Id, null, 10, 0), officer, CancellationToken.None)).First(t => t.Id != taskId);
        await Assert.ThrowsAsync<Domain.Errors.ConflictException>(() =>
            engine.Get<TaskActions>().SubmitAsync(stageTask.Id, null, null, officer, CancellationToken.None));
    }

    [Fact]
    public async Task Stopping_a_tasks_timers_does_not_wait_for_a_dispatcher_that_holds_them()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var taskId = await CreateRectificationAsync(cycle.Id, "rectify:3", new DateOnly(world.Year, 3, 20));
        var db = engine.Get<NpgsqlDataSource>();

        // a dispatcher has claimed the task's timers and is about to mark the task...
        await using var dispatcher = await db.OpenConnectionAsync();
        await using var dispatcherTx = await dispatcher.BeginTransactionAsync();
        await dispatcher.ExecuteAsync("select id from timer where target_kind = 'Task' and target_id = @taskId for update", new { taskId }, dispatcherTx);
        // ...while a person's command holds the task and stops its timers
        await using var command = await db.OpenConnectionAsync();
        await using var commandTx = await command.BeginTransactionAsync();
        await command.ExecuteAsync("select id from task where id = @taskId for update", new { taskId }, commandTx);
        await DeadlineTimers.CancelAsync(commandTx, TaskTimers.Target, taskId, engine.Clock.GetUtcNow(), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        await commandTx.CommitAsync();

        await dispatcher.ExecuteAsync("update task set overdue_at = now() where id = @taskId", new { taskId }, dispatcherTx);
        await dispatcherTx.CommitAsync();
    }

    [Fact]
    public async Task A_timer_no_handler_knows_is_left_for_a_host_that_knows_it()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var key = $"orphan:{world.Prefix}";
        await connection.ExecuteAsync(
            "insert into timer (due_at, kind, target_kind, target_id, idempotency_key) values (@at, 'Reminder', 'Nobody', 1, @key)",
            new { at = engine.Clock.GetUtcNow().AddMinutes(-1), key });
        await engine.Get<TimerDispatcher>().DispatchDueAsync(engine.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Null(await connection.ExecuteScalarAsync<DateTimeOffset?>("select fired_at from timer where idempotency_key = @key", new { key }));
        await world.AdvanceToAsync(1, 6); // the simulated clock steps over it too, rather than waiting on it for ever
        await connection.ExecuteAsync("delete from timer where idempotency_key = @key", new { key });
    }
}
