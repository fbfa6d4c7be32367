using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class TimerTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    // these tests count every timer due and every notice in an inbox: no meeting obligations beside the cycles
    public Task InitializeAsync() => Meetings.MeetingScenario.SwitchOffEnabledAsync(engine);

    public Task DisposeAsync() => Task.CompletedTask;

    NpgsqlConnection Connect() => new(engine.ConnectionString);

    async Task<IReadOnlyList<NotificationView>> InboxAsync(World world, string role) =>
        await engine.Get<Inbox>().ListAsync(false, null, 1000, null, await world.CallerAsync(role), CancellationToken.None);

    [Fact]
    public async Task Reminders_deadlines_and_escalations_reach_the_right_people_on_the_right_days()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync();
        var s2 = await world.CallerAsync("s2-officer");
        var tasks = engine.Get<TaskQueries>();
        foreach (var task in await tasks.ListAsync(new TaskFilter("Open", null, cycle.Id, world.Street(2), 10, 0), s2, CancellationToken.None))
            await engine.Get<TaskActions>().SubmitAsync(task.Id, task.Title == "任务targets" ? JsonDocument.Parse("""{"goals": "按时完成"}""").RootElement : null, null, s2, CancellationToken.None);

        await world.AdvanceToAsync(3, 24, hour: 8);
        Assert.Empty(await InboxAsync(world, "s1-officer"));
        await world.AdvanceToAsync(3, 24, hour: 9);
        var officer = await InboxAsync(world, "s1-officer");
        Assert.Equal(["Reminder", "Reminder"], officer.Select(n => n.Kind));
        Assert.Contains("还有7天", officer[0].Subject);
        Assert.Equal(2, (await InboxAsync(world, "s1-secretary")).Count);
        Assert.Empty(await InboxAsync(world, "s2-officer"));

        await world.AdvanceToAsync(4, 1, hour: 0);
        var overdue = await tasks.ListAsync(new TaskFilter(null, true, cycle.Id, null, 10, 0), await world.CallerAsync("district-admin"), CancellationToken.None);
        Assert.Equal([world.Street(1), world.Street(1)], overdue.Select(t => t.OrgUnitCode));
        Assert.Equal(2, (await InboxAsync(world, "s1-officer")).Count(n => n.Kind == "Overdue"));
        Assert.DoesNotContain(await InboxAsync(world, "district-secretary"), n => n.Kind == "Escalation");

        // the first escalation falls on the first working day after the due date (not always 1 April)
        var firstWorkday = (await engine.Get<CommunityWorkflows.Workflows.Calendar.Calendars>().LoadAsync(CancellationToken.None)).AddWorkdays(new DateOnly(world.Year, 3, 31), 1).Date;
        await world.AdvanceToAsync(firstWorkday.Month, firstWorkday.Day, hour: 9);
        var direct = (await InboxAsync(world, "s1-secretary")).Where(n => n.Kind == "Escalation").ToList();
        Assert.Equal(2, direct.Count);
        Assert.Contains("逾期1个工作日", direct[0].Subject);
        Assert.DoesNotContain(await InboxAsync(world, "district-secretary"), n => n.Kind == "Escalation");

        var calendar = await engine.Get<CommunityWorkflows.Workflows.Calendar.Calendars>().LoadAsync(CancellationToken.None);
        var fifthWorkday = calendar.AddWorkdays(new DateOnly(world.Year, 3, 31), 5).Date;
        await world.AdvanceToAsync(fifthWorkday.Month, fifthWorkday.Day, hour: 8);
        Assert.DoesNotContain(await InboxAsync(world, "district-secretary"), n => n.Kind == "Escalation");
        await world.AdvanceToAsync(fifthWorkday.Month, fifthWorkday.Day, hour: 9);
        Assert.Equal(2, (await InboxAsync(world, "district-secretary")).Count(n => n.Kind == "Escalation"));
        Assert.Equal(2, (await InboxAsync(world, "district-admin")).Count(n => n.Kind == "Escalation"));
        Assert.DoesNotContain(await InboxAsync(world, "s2-secretary"), n => n.Kind is "Overdue" or "Escalation");

        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None);
        Assert.Equal(4, journal.Count(e => e.Action == "Reminder"));
        Assert.Equal(4, journal.Count(e => e.Action == "Escalation"));
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None)).Valid);
    }

    [Fact]
    public async Task A_task_returned_after_its_deadline_is_overdue_and_escalated_again()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        var targets = (await engine.Get<TaskQueries>().ListAsync(new TaskFilter("Open", null, cycle.Id, null, 10, 0), officer, CancellationToken.None))
            .Single(t => t.Title == "任务targets");
        await engine.Get<TaskActions>().SubmitAsync(targets.Id, JsonDocument.Parse("""{"goals": "g"}""").RootElement, null, officer, CancellationToken.None);
        var calendar = await engine.Get<CommunityWorkflows.Workflows.Calendar.Calendars>().LoadAsync(CancellationToken.None);
        var returnDay = calendar.AddWorkdays(new DateOnly(world.Year, 3, 31), 2).Date;
        await world.AdvanceToAsync(returnDay.Month, returnDay.Day, hour: 10);
        Assert.DoesNotContain(await InboxAsync(world, "s1-officer"), n => n.TaskId == targets.Id && n.Kind is "Overdue" or "Escalation");

        await engine.Get<TaskActions>().ReviewAsync(targets.Id, "Return", "目标要量化", await world.CallerAsync("district-admin"), CancellationToken.None);
        await world.AdvanceToAsync(returnDay.Month, returnDay.Day, hour: 11);
        var inbox = (await InboxAsync(world, "s1-officer")).Where(n => n.TaskId == targets.Id).ToList();
        Assert.Single(inbox, n => n.Kind == "Overdue");
        Assert.Single(inbox, n => n.Kind == "Escalation");
        Assert.True((await engine.Get<TaskQueries>().GetAsync(targets.Id, officer, CancellationToken.None)).Overdue);

        var fifth = calendar.AddWorkdays(new DateOnly(world.Year, 3, 31), 5).Date;
        await world.AdvanceToAsync(fifth.Month, fifth.Day, hour: 10);
        Assert.Single(await InboxAsync(world, "district-secretary"), n => n.TaskId == targets.Id && n.Kind == "Escalation");
    }

    [Fact]
    public async Task Two_dispatchers_at_once_fire_every_timer_exactly_once()
    {
        var world = await World.CreateAsync(engine, streets: 60);
        var cycle = await world.LaunchAsync();
        var firstWorkday = (await engine.Get<CommunityWorkflows.Workflows.Calendar.Calendars>().LoadAsync(CancellationToken.None)).AddWorkdays(new DateOnly(world.Year, 3, 31), 1).Date;
        var due = ChinaTime.At(firstWorkday, 12);
        engine.Clock.MoveTo(due);
        await using var connection = Connect();
        var expected = await connection.ExecuteScalarAsync<int>(
            "select count(*) from timer where cycle_id = @id and fired_at is null and due_at <= @due", new { id = cycle.Id, due });
        Assert.Equal(60 * 2 * 4, expected);

        var dispatcher = engine.Get<TimerDispatcher>();
        var results = await Task.WhenAll(
            Task.Run(() => dispatcher.DispatchDueAsync(due, CancellationToken.None, batchSize: 25)),
            Task.Run(() => dispatcher.DispatchDueAsync(due, CancellationToken.None, batchSize: 25)));

        Assert.Equal(expected, results.Sum(r => r.Fired + r.Skipped));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from timer where cycle_id = @id and fired_at is null and due_at <= @due", new { id = cycle.Id, due }));
        var perTimer = await connection.QueryAsync<int>(
            "select count(*)::int from notification where cycle_id = @id group by idempotency_key", new { id = cycle.Id });
        Assert.All(perTimer, n => Assert.Equal(1, n));
        // the reminders come after the due date (31 March) and are skipped as stale; the overdue notice and the 1st escalation fire:
        // streets 1-3 have an officer and a secretary, the other 57 nobody: 3 streets × 2 tasks × 2 people × 2 timers
        Assert.Equal(60 * 2 * 2, results.Sum(r => r.Fired));
        Assert.Equal(3 * 2 * 2 * 2, await connection.ExecuteScalarAsync<int>("select count(*) from notification where cycle_id = @id", new { id = cycle.Id }));
        Assert.Equal(60 * 2 * 2, (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None)).Count(e => e.Action is "Reminder" or "Overdue" or "Escalation"));
    }

    [Fact]
    public async Task After_downtime_a_reminder_for_a_task_already_past_due_is_skipped_and_the_overdue_notice_still_comes()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        // no dispatcher ran from before the first reminder (24 March) until after the due date (31 March)
        var back = ChinaTime.At(new DateOnly(world.Year, 4, 1), 8);
        engine.Clock.MoveTo(back);

        var result = await engine.Get<TimerDispatcher>().DispatchDueAsync(back, CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["Overdue"] = 2 }, result.FiredByKind);
        Assert.Equal(4, result.Skipped);
        Assert.Equal(["Overdue", "Overdue"], (await InboxAsync(world, "s1-officer")).Select(n => n.Kind));
        await using var connection = Connect();
        Assert.Equal(["Skipped"], await connection.QueryAsync<string>(
            "select distinct outcome from timer where cycle_id = @id and kind = 'Reminder'", new { id = cycle.Id }));
    }

    [Fact]
    public async Task A_dispatcher_skips_the_timers_another_holds_instead_of_waiting_for_them()
    {
        var world = await World.CreateAsync(engine, streets: 4);
        var cycle = await world.LaunchAsync();
        var due = ChinaTime.At(new DateOnly(world.Year, 3, 24), 10);
        engine.Clock.MoveTo(due);
        await using var other = new NpgsqlConnection(engine.ConnectionString);
        await other.OpenAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        // another dispatcher's batch in flight: the first half of the due timers, locked
        var held = (await other.QueryAsync<long>(
            "select id from timer where cycle_id = @id and fired_at is null and due_at <= @due order by id limit 4 for update",
            new { id = cycle.Id, due }, otherTx)).ToList();

        var first = await engine.Get<TimerDispatcher>().DispatchDueAsync(due, CancellationToken.None);
        Assert.Equal(4, first.Fired + first.Skipped);
        Assert.Equal(held.Count, await other.ExecuteScalarAsync<int>(
            "select count(*) from timer where id = any(@held) and fired_at is null", new { held = held.ToArray() }, otherTx));

        await otherTx.RollbackAsync();
        var second = await engine.Get<TimerDispatcher>().DispatchDueAsync(due, CancellationToken.None);
        Assert.Equal(4, second.Fired + second.Skipped);
    }

    [Fact]
    public async Task A_dispatch_that_crashes_is_rolled_back_and_the_retry_fires_each_timer_once()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var cycle = await world.LaunchAsync();
        var due = ChinaTime.At(new DateOnly(world.Year, 3, 24), 10);
        engine.Clock.MoveTo(due);
        var fault = $"crash_{world.Prefix.ToLowerInvariant()}";
        await using var connection = Connect();
        await connection.ExecuteAsync($"""
            create sequence {fault}_seq;
            create function {fault}() returns trigger language plpgsql as $$
            begin
                -- sequences are not transactional: only the first notification ever written fails
                if nextval('{fault}_seq') = 1 then raise exception 'simulated lost connection' using errcode = '08006'; end if;
                return new;
            end $$;
            create trigger {fault} before insert on notification for each row execute function {fault}();
            """);

        var dispatcher = engine.Get<TimerDispatcher>();
        await Assert.ThrowsAsync<PostgresException>(() => dispatcher.DispatchDueAsync(due, CancellationToken.None));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from timer where cycle_id = @id and fired_at is not null", new { id = cycle.Id }));
        var retry = await dispatcher.DispatchDueAsync(due, CancellationToken.None);
        var again = await dispatcher.DispatchDueAsync(due, CancellationToken.None);
        await connection.ExecuteAsync($"drop trigger {fault} on notification; drop function {fault}(); drop sequence {fault}_seq;");

        Assert.Equal(6, retry.FiredByKind["Reminder"]);
        Assert.Equal(0, again.Fired + again.Skipped);
        Assert.Equal(3 * 2 * 2, await connection.ExecuteScalarAsync<int>("select count(*) from notification where cycle_id = @id", new { id = cycle.Id }));
    }

    [Fact]
    public async Task Timers_whose_handler_fails_are_set_aside_and_every_other_timer_still_fires()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var fault = $"broken_{world.Prefix.ToLowerInvariant()}";
        await using var connection = Connect();
        await connection.ExecuteAsync($"""
            create function {fault}() returns trigger language plpgsql as $$
            begin
                if new.cycle_id = {cycle.Id} then raise exception 'a notice nobody can store'; end if;
                return new;
            end $$;
            create trigger {fault} before insert on notification for each row execute function {fault}();
            """);
        var due = ChinaTime.At(new DateOnly(world.Year, 6, 2), 10);
        engine.Clock.MoveTo(due);

        var first = await engine.Get<TimerDispatcher>().DispatchDueAsync(due, CancellationToken.None);
        var again = await engine.Get<TimerDispatcher>().DispatchDueAsync(due, CancellationToken.None);
        await connection.ExecuteAsync($"drop trigger {fault} on notification; drop function {fault}();");

        Assert.True(first.Failed > 0);
        Assert.Equal(0, again.Fired + again.Skipped + again.Failed);
        var outcomes = (await connection.QueryAsync<(string TargetKind, string Outcome)>(
            "select target_kind, outcome from timer where cycle_id = @id and fired_at is not null group by target_kind, outcome", new { id = cycle.Id })).ToList();
        Assert.Contains(("Task", "Failed"), outcomes);
        Assert.Contains(("Stage", "Fired"), outcomes);
        Assert.True(await connection.ExecuteScalarAsync<bool>("select opened from cycle_stage where cycle_id = @id and ordinal = 1", new { id = cycle.Id }));
        Assert.Contains("a notice nobody can store", await connection.ExecuteScalarAsync<string>(
            "select error from timer where cycle_id = @id and outcome = 'Failed' limit 1", new { id = cycle.Id }));
    }

    [Fact]
    public async Task Cancelling_a_cycle_stops_its_timers()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var cancelled = await engine.Get<CycleCancellation>().CancelAsync(cycle.Id, "模板有误，重新发起", admin, CancellationToken.None);
        await world.AdvanceToAsync(12, 31);

        Assert.Equal("Cancelled", cancelled.Status);
        await using var connection = Connect();
        var outcomes = (await connection.QueryAsync<string>("select distinct outcome from timer where cycle_id = @id", new { id = cycle.Id })).ToList();
        Assert.Equal(["Cancelled"], outcomes);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from notification where cycle_id = @id", new { id = cycle.Id }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from task where cycle_id = @id and status <> 'Cancelled'", new { id = cycle.Id }));
        Assert.Equal("CycleCancelled", (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None))[^1].Action);
    }

    [Fact]
    public async Task Advancing_the_clock_opens_each_stage_in_its_turn_and_fires_what_the_opening_scheduled()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var result = await world.Advancer.AdvanceToAsync(ChinaTime.At(new DateOnly(world.Year + 1, 2, 1)), CancellationToken.None);

        Assert.Equal(ChinaTime.At(new DateOnly(world.Year + 1, 2, 1)), engine.Clock.GetUtcNow());
        await using var connection = Connect();
        var fired = (await connection.QueryAsync<(string Kind, int Stage, string Outcome, int Count)>(
            "select kind, stage, outcome, count(*)::int from timer where cycle_id = @id group by kind, stage, outcome order by stage, kind, outcome", new { id = cycle.Id })).ToList();
        Assert.Contains(("StageOpen", 1, "Fired", 1), fired);
        Assert.Contains(("StageOpen", 2, "Fired", 1), fired);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from timer where cycle_id = @id and fired_at is null", new { id = cycle.Id }));
        Assert.True(result.TimersFired >= 8);
    }

    [Theory]
    [InlineData("Task", 12L, "Reminder", 3, 1, "task:12:Reminder:3")]
    [InlineData("Task", 12L, "Overdue", 0, 2, "task:12:Overdue:0:r2")]
    [InlineData("Problem", 5L, "Escalation", 1, 1, "problem:5:Escalation:1")]
    public async Task A_timer_key_is_written_the_same_in_SQL_and_in_CSharp(string target, long id, string kind, int step, int round, string expected)
    {
        await using var connection = Connect();
        var written = await connection.ExecuteScalarAsync<string>("select " + TimerKeys.Sql("@target", "@id", "@kind", "@step", "@round"), new { target, id, kind, step, round });

        Assert.Equal(expected, written);
        Assert.Equal(expected, TimerKeys.Key(target, id, kind, step, TimerKeys.Round(round)));
        Assert.Equal("cycle:7:stage:2", TimerKeys.StageOpen(7, 2));
    }
}
