using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class LaunchTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    NpgsqlConnection Connect() => new(engine.ConnectionString);

    [Fact]
    public async Task A_launch_fans_out_one_instance_per_street_with_the_first_stage_open()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var cycle = await world.LaunchAsync();

        Assert.Equal(3, cycle.ParticipantCount);
        Assert.Equal("Running", cycle.Status);
        Assert.Equal(["TargetSetting", "MidYearInspection", "YearEndAssessment"], cycle.Stages.Select(s => s.Key));
        Assert.Equal(6, cycle.Stages[0].Open);
        Assert.Equal(ChinaTime.EndOf(new DateOnly(world.Year, 3, 31)), cycle.Stages[0].DueAt);
        Assert.Equal(ChinaTime.EndOf(new DateOnly(world.Year + 1, 1, 15)), cycle.Stages[2].DueAt);
        await using var connection = Connect();
        var states = (await connection.QueryAsync<(int Stage, string Status, int Count)>(
            "select stage, status, count(*)::int from task where cycle_id = @id group by stage, status order by stage", new { id = cycle.Id })).ToList();
        Assert.Equal([(0, "Open", 6), (1, "Pending", 6), (2, "Pending", 3)], states);
        var timers = (await connection.QueryAsync<(string Kind, int Count)>(
            "select kind, count(*)::int from timer where cycle_id = @id group by kind order by kind", new { id = cycle.Id })).ToList();
        Assert.Equal([("Escalation", 12), ("Overdue", 6), ("Reminder", 12), ("StageOpen", 2)], timers);
        var reminders = await connection.QueryAsync<DateTimeOffset>(
            "select distinct due_at from timer where cycle_id = @id and kind = 'Reminder' order by 1", new { id = cycle.Id });
        Assert.Equal([ChinaTime.At(new DateOnly(world.Year, 3, 24), 9), ChinaTime.At(new DateOnly(world.Year, 3, 30), 9)], reminders);
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None);
        Assert.Equal(["CycleLaunched", "StageOpened"], journal.Select(e => e.Action));
    }

    [Fact]
    public async Task The_same_template_year_and_scope_again_is_a_conflict()
    {
        var world = await World.CreateAsync(engine);
        await world.LaunchAsync();
        await Assert.ThrowsAsync<ConflictException>(() => world.LaunchAsync());
        var other = await world.LaunchAsync(year: world.Year + 1);
        Assert.Equal(world.Year + 1, other.Year);
    }

    [Fact]
    public async Task A_launch_that_fails_half_way_leaves_nothing_behind_and_can_be_run_again()
    {
        var world = await World.CreateAsync(engine, streets: 4);
        var fault = $"fail_{world.Prefix.ToLowerInvariant()}";
        await using (var connection = Connect())
            await connection.ExecuteAsync($"""
                create function {fault}() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from instance i join org_unit u on u.id = i.org_unit_id where i.id = new.instance_id and u.code = '{world.Street(4)}') then
                        raise exception 'simulated crash while writing tasks';
                    end if;
                    return new;
                end $$;
                create trigger {fault} before insert on task for each row execute function {fault}();
                """);

        await Assert.ThrowsAsync<PostgresException>(() => world.LaunchAsync());
        await using (var connection = Connect())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "select count(*) from instance i join org_unit u on u.id = i.org_unit_id where u.code like @p", new { p = world.Prefix + "-%" }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "select count(*) from cycle c join org_unit u on u.id = c.scope_unit_id where u.code = @d", new { d = world.District }));
            await connection.ExecuteAsync($"drop trigger {fault} on task; drop function {fault}();");
        }

        var cycle = await world.LaunchAsync();
        Assert.Equal(4, cycle.ParticipantCount);
    }

    [Fact]
    public async Task Launching_needs_a_district_admin_over_a_scope_that_has_participants()
    {
        var world = await World.CreateAsync(engine);
        var launcher = engine.Get<CycleLauncher>();
        var officer = await world.CallerAsync("s1-officer");
        var admin = await world.CallerAsync("district-admin");

        await Assert.ThrowsAsync<RuleViolationException>(() => launcher.LaunchAsync(new LaunchRequest("k", 1, TestTemplates.Annual, world.Year, world.District), officer, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => launcher.LaunchAsync(new LaunchRequest("k", 1, TestTemplates.Annual, world.Year, "NOWHERE"), admin, CancellationToken.None));
        var belowParticipants = await Assert.ThrowsAsync<RuleViolationException>(() => launcher.LaunchAsync(new LaunchRequest("k", 1, TestTemplates.Annual, world.Year, world.Street(1)), admin, CancellationToken.None));
        var badYear = await Assert.ThrowsAsync<RuleViolationException>(() => launcher.LaunchAsync(new LaunchRequest("k", 1, TestTemplates.Annual, 1999, world.District), admin, CancellationToken.None));

        Assert.Equal("/scopeCode", unknown.Errors.Single().Field);
        Assert.Equal("/scopeCode", belowParticipants.Errors.Single().Field);
        Assert.Equal("/year", badYear.Errors.Single().Field);
        var inspector = await world.CallerAsync("inspector");
        await Assert.ThrowsAsync<ForbiddenException>(() => launcher.LaunchAsync(new LaunchRequest("k", 1, TestTemplates.Annual, world.Year, world.District), inspector, CancellationToken.None));
    }
}
