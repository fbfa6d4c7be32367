using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

/// <summary>
/// How a visit reaches the database: set-based, one statement for its problems and one per due date for their
/// timers, however many problems it found. Statement-level triggers in this class's own database count them.
/// </summary>
public class VisitWriteTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    const string CountStatements = """
        create table if not exists statement_log (id bigint generated always as identity, tbl text not null, target_kinds text, row_count int not null);
        create or replace function log_problem_statement() returns trigger language plpgsql as $$
        begin
            insert into statement_log (tbl, row_count) select tg_table_name, count(*) from inserted;
            return null;
        end $$;
        create or replace function log_timer_statement() returns trigger language plpgsql as $$
        begin
            insert into statement_log (tbl, target_kinds, row_count) select tg_table_name, string_agg(distinct target_kind, ','), count(*) from inserted;
            return null;
        end $$;
        create or replace trigger liaison_problem_statements after insert on liaison_problem
            referencing new table as inserted for each statement execute function log_problem_statement();
        create or replace trigger timer_statements after insert on timer
            referencing new table as inserted for each statement execute function log_timer_statement();
        truncate statement_log;
        """;

    [Fact]
    public async Task A_visit_writes_its_problems_in_one_statement_and_their_timers_in_one_per_due_date()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        await connection.ExecuteAsync(CountStatements);

        var visit = await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
        [
            new ProblemInput("活动室未挂牌", world.Date(2, 27), null), new ProblemInput("台账不全", world.Date(2, 27), world.World.Street(1)),
            new ProblemInput("楼道灯不亮", world.Date(3, 31), world.Seated(1)), new ProblemInput("宣传栏缺失", world.Date(2, 27), null),
        ]), await world.CallerAsync("s1-secretary"), None);

        Assert.Equal(["活动室未挂牌", "台账不全", "楼道灯不亮", "宣传栏缺失"], visit.Problems.Select(p => p.Description));
        Assert.Equal([world.Community(1), world.World.Street(1), world.Seated(1), world.Community(1)], visit.Problems.Select(p => p.OwnerUnitCode));
        Assert.Equal([2, 2, 3, 2], visit.Problems.Select(p => p.DueOn.Month));
        var log = (await connection.QueryAsync<(string Tbl, string? TargetKinds, int RowCount)>(
            "select tbl, target_kinds, row_count from statement_log order by id")).ToList();
        Assert.Equal([("liaison_problem", null, 4)], log.Where(l => l.Tbl == "liaison_problem"));
        Assert.Equal(2, log.Count(l => l.TargetKinds == ProblemTimers.Target)); // two due dates
        Assert.Equal(4 * 4, log.Where(l => l.TargetKinds == ProblemTimers.Target).Sum(l => l.RowCount)); // 2 reminders, overdue, escalation each
        var timers = await connection.QueryAsync<(long TargetId, DateTime DueAt, string Kind)>(
            "select target_id, due_at, kind from timer where target_kind = 'Problem' and target_id = any(@ids) and kind = 'Overdue'",
            new { ids = visit.Problems.Select(p => p.Id).ToArray() });
        Assert.Equal(visit.Problems.Select(p => (p.Id, p.DueAt.AddSeconds(1).UtcDateTime)).Order(), timers.Select(t => (t.TargetId, t.DueAt)).Order());
        var keys = await connection.QueryAsync<(string Key, long TargetId, string Kind, int Step)>(
            "select idempotency_key, target_id, kind, step from timer where target_kind = 'Problem' and target_id = any(@ids)", new { ids = visit.Problems.Select(p => p.Id).ToArray() });
        Assert.All(keys, k => Assert.Equal(Timers.DeadlineTimers.Key(ProblemTimers.Target, k.TargetId, k.Kind, k.Step), k.Key)); // one key format for every timer
    }
}
