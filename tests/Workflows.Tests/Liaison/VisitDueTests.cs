using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class VisitDueTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_point_not_visited_for_longer_than_90_days_reminds_its_leader_and_a_visit_starts_the_count_again()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var start = new DateOnly(world.Year, 1, 5);

        var due = start.AddDays(91);
        await world.AdvanceToAsync(due.Month, due.Day, hour: 8);
        Assert.Empty(await world.InboxAsync("s1-secretary", "VisitDue"));
        await world.AdvanceToAsync(due.Month, due.Day, hour: 9);
        var first = Assert.Single(await world.InboxAsync("s1-secretary", "VisitDue"));
        Assert.Contains("已91天未走访", first.Subject);
        Assert.Empty(await world.InboxAsync("wg-member", "VisitDue"));
        var report = await engine.Get<LiaisonReports>().ComplianceAsync(new LiaisonFilter(world.Year, null, null), await world.CallerAsync("district-admin"), None);
        Assert.Equal(point.Id, Assert.Single(report.PointsWithoutRecentVisit).Id);

        var visitedOn = due.AddDays(4);
        await world.AdvanceToAsync(visitedOn.Month, visitedOn.Day);
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(visitedOn.ToString("yyyy-MM-dd"), "二季度走访", null), await world.CallerAsync("s1-secretary"), None);
        report = await engine.Get<LiaisonReports>().ComplianceAsync(new LiaisonFilter(world.Year, null, null), await world.CallerAsync("district-admin"), None);
        Assert.Empty(report.PointsWithoutRecentVisit);

        var next = visitedOn.AddDays(91);
        await world.AdvanceToAsync(next.Month, next.Day, hour: 8);
        Assert.Single(await world.InboxAsync("s1-secretary", "VisitDue"));
        await world.AdvanceToAsync(next.Month, next.Day, hour: 9);
        Assert.Contains($"上次走访是{visitedOn:yyyy年M月d日}", (await world.InboxAsync("s1-secretary", "VisitDue"))[0].Subject);

        // still not visited: another reminder a period on, and none once the point's year is over
        var again = next.AddDays(90);
        await world.AdvanceToAsync(again.Month, again.Day, hour: 10);
        Assert.Equal(3, (await world.InboxAsync("s1-secretary", "VisitDue")).Count);
        await world.World.Advancer.AdvanceToAsync(Domain.Calendar.ChinaTime.At(new DateOnly(world.Year + 1, 3, 1)), None);
        Assert.Equal(3, (await world.InboxAsync("s1-secretary", "VisitDue")).Count);
        Assert.Equal(0, await engine.PendingTimersAsync("LiaisonPoint", point.Id));
    }

    [Fact]
    public async Task A_visit_recorded_late_that_is_not_the_latest_leaves_the_count_alone()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s2-secretary", 2);
        var leader = await world.CallerAsync("s2-secretary");
        await world.AdvanceToAsync(2, 1);
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(2, 1), "走访", null), leader, None);
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 20), "补录一月走访", null), leader, None);

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var pending = await connection.QuerySingleAsync<DateTime>(
            "select due_at from timer where target_kind = 'LiaisonPoint' and target_id = @id and fired_at is null", new { id = point.Id });
        Assert.Equal(Domain.Calendar.ChinaTime.At(new DateOnly(world.Year, 2, 1).AddDays(91), 9).UtcDateTime, pending);
        var detail = await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None);
        Assert.Equal(new DateOnly(world.Year, 2, 1), detail.LastVisitOn);
        Assert.Equal([new DateOnly(world.Year, 1, 20), new DateOnly(world.Year, 2, 1)], detail.Visits.Select(v => v.VisitedOn));
    }

    [Fact]
    public async Task A_visit_made_before_the_point_was_set_up_is_recorded_after_the_fact_and_starts_the_count()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.AdvanceToAsync(3, 2);
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var leader = await world.CallerAsync("s1-secretary");
        Assert.Equal(new DateOnly(world.Year, 3, 2), (await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None)).StartedOn);

        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(2, 1), "补录二月走访", null), leader, None);

        var detail = await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None);
        Assert.Equal(new DateOnly(world.Year, 2, 1), detail.LastVisitOn);
        Assert.Equal(29, detail.DaysSinceLastVisit);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var pending = await connection.QuerySingleAsync<DateTime>(
            "select due_at from timer where target_kind = 'LiaisonPoint' and target_id = @id and fired_at is null", new { id = point.Id });
        Assert.Equal(Domain.Calendar.ChinaTime.At(new DateOnly(world.Year, 2, 1).AddDays(91), 9).UtcDateTime, pending);
    }

    [Fact]
    public async Task A_point_visited_on_the_day_it_was_set_up_is_still_reminded_a_period_later()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("city-leader", 1);
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "设点当天走访", null), await world.CallerAsync("city-leader"), None);
        var due = new DateOnly(world.Year, 1, 5).AddDays(91);
        await world.AdvanceToAsync(due.Month, due.Day);
        Assert.Contains("上次走访是", Assert.Single(await world.InboxAsync("city-leader", "VisitDue")).Subject);
    }

    [Fact]
    public async Task Visit_reminders_are_timer_rows_keyed_like_every_other_timer_with_the_gap_they_belong_to()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("district-secretary", 2);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        async Task<List<(string Key, string? Outcome, int Step)>> TimersAsync() => (await connection.QueryAsync<(string, string?, int)>(
            "select idempotency_key, outcome, step from timer where target_kind = 'LiaisonPoint' and target_id = @id order by id", new { id = point.Id })).ToList();
        Assert.Equal([($"liaisonpoint:{point.Id}:VisitDue:1:start", null, 1)], await TimersAsync());

        var visit = await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访", null), await world.CallerAsync("district-secretary"), None);
        Assert.Equal([($"liaisonpoint:{point.Id}:VisitDue:1:start", "Cancelled", 1), ($"liaisonpoint:{point.Id}:VisitDue:1:visit-{visit.Id}", null, 1)], await TimersAsync());
    }
}
