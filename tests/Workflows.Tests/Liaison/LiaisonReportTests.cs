using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class LiaisonReportTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_dashboard_puts_what_needs_attention_first_and_counts_the_backing_units_contribution()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var visits = engine.Get<LiaisonVisits>();
        var calm = await world.CreatePointAsync("city-leader", 2);
        var late = await world.CreatePointAsync("s1-secretary", 1);
        var open = await world.CreatePointAsync("district-secretary", 2);
        await visits.RecordAsync(calm.Id, new VisitInput(world.Date(1, 5), "走访", null), await world.CallerAsync("city-leader"), None);
        await visits.RecordAsync(late.Id, new VisitInput(world.Date(1, 5), "走访", [new ProblemInput("活动室未挂牌", world.Date(1, 15), null)]),
            await world.CallerAsync("s1-secretary"), None);
        var found = await visits.RecordAsync(open.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("党员信息未更新", world.Date(6, 30), null), new ProblemInput("供电所未报到", world.Date(1, 31), world.Seated(2))]),
            await world.CallerAsync("district-secretary"), None);
        await visits.SetStatusAsync(open.Id, found.Problems[1].Id, new ProblemStatusInput("Resolved", "已报到"), await world.CallerAsync("district-secretary"), None);
        await world.AdvanceToAsync(2, 1);

        var dashboard = await engine.Get<LiaisonReports>().DashboardAsync(new LiaisonFilter(null, null, world.World.District), await world.CallerAsync("district-admin"), None);
        Assert.Equal(world.Year, dashboard.Year);
        Assert.Equal([late.Id, open.Id, calm.Id], dashboard.Points.Select(p => p.Id));
        Assert.Equal([AttentionReason.OverdueProblems], dashboard.Points[0].Attention);
        Assert.Equal(27, dashboard.Points[0].DaysSinceLastVisit);
        Assert.Equal(new DashboardTotals(3, 3, 0, 2, 1, 0, 0), dashboard.Totals);
        var backing = dashboard.Points[1].BackingUnit;
        Assert.Equal(new BackingUnitContribution(world.Seated(2), "第2街道供电所", 1, 1, 1), backing);

        var mine = await engine.Get<LiaisonReports>().DashboardAsync(new LiaisonFilter(world.Year, world.Name("s1-secretary"), null), await world.CallerAsync("district-admin"), None);
        Assert.Equal([late.Id], mine.Points.Select(p => p.Id));
        var leaderOwn = await engine.Get<LiaisonReports>().DashboardAsync(new LiaisonFilter(world.Year, null, null), await world.CallerAsync("city-leader"), None);
        Assert.Equal([calm.Id], leaderOwn.Points.Select(p => p.Id));
    }

    [Fact]
    public async Task The_compliance_report_names_every_leader_in_scope_without_a_point()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        await world.CreatePointAsync("s1-secretary", 1);
        await world.CreatePointAsync("city-leader", 2);
        var reports = engine.Get<LiaisonReports>();
        var filter = new LiaisonFilter(world.Year, null, null);

        var district = await reports.ComplianceAsync(filter, await world.CallerAsync("district-admin"), None);
        Assert.Equal([world.Name("district-secretary"), world.Name("s1-secretary"), world.Name("s2-secretary")], district.Leaders.Select(l => l.Username));
        Assert.Equal([LeaderLevel.District, LeaderLevel.Street, LeaderLevel.Street], district.Leaders.Select(l => l.Level));
        Assert.Equal([world.Name("district-secretary"), world.Name("s2-secretary")], district.LeadersWithoutPoint.Select(l => l.Username));

        var root = new Domain.Access.Caller(0, "root", [new Domain.Access.RoleGrant(Domain.Access.Role.SystemAdmin, null, null)]);
        var city = await reports.ComplianceAsync(filter with { ScopeCode = world.City }, root, None);
        Assert.Equal([world.Name("city-leader"), world.Name("district-secretary"), world.Name("s1-secretary"), world.Name("s2-secretary")], city.Leaders.Select(l => l.Username));
        Assert.Equal(2, city.LeadersWithoutPoint.Count);
        Assert.Equal([world.Name("s2-secretary")], (await reports.ComplianceAsync(filter, await world.CallerAsync("s2-secretary"), None)).LeadersWithoutPoint.Select(l => l.Username));
        Assert.Empty((await reports.ComplianceAsync(filter, await world.CallerAsync("k1-officer"), None)).Leaders);
        var nextYear = await reports.ComplianceAsync(new LiaisonFilter(world.Year + 1, null, world.City), root, None);
        Assert.Equal(4, nextYear.LeadersWithoutPoint.Count); // a point counts for its own year only
    }

    [Fact]
    public async Task A_leader_role_left_on_a_unit_that_no_leader_answers_for_is_not_a_duty_and_no_error()
    {
        // an import may turn a leaf unit into a community after a Leader role was granted on it
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
            await connection.ExecuteAsync(
                "insert into user_role (user_id, role, org_unit_id) select u.id, 'Leader', o.id from app_user u, org_unit o where u.username = @user and o.code = @unit",
                new { user = world.Name("k1-officer"), unit = world.Community(1) });
        var root = new Domain.Access.Caller(0, "root", [new Domain.Access.RoleGrant(Domain.Access.Role.SystemAdmin, null, null)]);

        var report = await engine.Get<LiaisonReports>().ComplianceAsync(new LiaisonFilter(world.Year, null, world.City), root, None);

        Assert.DoesNotContain(world.Name("k1-officer"), report.Leaders.Select(l => l.Username));
        Assert.Equal(4, report.Leaders.Count);
    }

    [Fact]
    public async Task The_year_end_assessment_scores_targets_met_problems_resolved_and_visits_made()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var leader = await world.CallerAsync("s1-secretary");
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var idle = await world.CreatePointAsync("s2-secretary", 2);
        var visits = engine.Get<LiaisonVisits>();
        var visit = await visits.RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("a", world.Date(1, 20), null), new ProblemInput("b", world.Date(1, 20), null)]), leader, None);
        await visits.SetStatusAsync(point.Id, visit.Problems[0].Id, new ProblemStatusInput("Resolved", "按期解决"), leader, None);
        await world.AdvanceToAsync(3, 2);
        await visits.SetStatusAsync(point.Id, visit.Problems[1].Id, new ProblemStatusInput("Resolved", "逾期解决"), leader, None);
        await visits.RecordAsync(point.Id, new VisitInput(world.Date(3, 2), "走访", null), leader, None);
        await engine.Get<LiaisonPoints>().RecordProgressAsync(point.Id, "T1", new TargetProgressInput(100, "完成"), leader, None);
        await engine.Get<LiaisonPoints>().RecordProgressAsync(point.Id, "T2", new TargetProgressInput(50, null), leader, None);

        var admin = await world.CallerAsync("district-admin");
        var filter = new LiaisonFilter(world.Year, null, world.World.District);
        var results = await engine.Get<LiaisonReports>().AssessmentAsync(filter, admin, None);
        var best = results[0];
        Assert.Equal((1, point.Id), (best.Rank, best.Id));
        Assert.Equal((2, 1, 2, 1, 1, 0, 0), (best.TargetsTotal, best.TargetsMet, best.ProblemsFound, best.ProblemsResolvedOnTime, best.ProblemsResolvedLate,
            best.ProblemsOverdue, best.ProblemsNotYetDue));
        // recomputed by hand for the new formula: on 2 March no quarter is over, so 1 visit is required and 2 were made.
        // T = 1/2, P = (1 + 0.5 × 1) / 2, V = min(2, 1) / 1: 50 × 0.5 + 30 × 0.75 + 20 × 1 = 67.5
        Assert.Equal((2, 1), (best.Visits, best.VisitsRequired));
        Assert.Equal((50m, 75m, 100m, 67.5m), (best.TargetScore, best.ProblemScore, best.VisitScore, best.Score));
        var last = results[1];
        Assert.Equal((2, idle.Id, 0m), (last.Rank, last.Id, last.Score)); // never visited, nothing met: nothing checked, nothing earned

        await world.World.AdvanceToAsync(1, 10, year: world.Year + 1);
        best = (await engine.Get<LiaisonReports>().AssessmentAsync(filter, admin, None))[0];
        // once the year is over all 4 visits are required: 50 × 0.5 + 30 × 0.75 + 20 × 2/4 = 57.5
        Assert.Equal((point.Id, 4, 50m, 57.5m), (best.Id, best.VisitsRequired, best.VisitScore, best.Score));
    }

    [Fact]
    public async Task A_point_never_visited_ranks_below_a_visited_point_whose_problem_is_not_yet_due()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var absent = await world.CreatePointAsync("s1-secretary", 1);
        var visited = await world.CreatePointAsync("s2-secretary", 2);
        await engine.Get<LiaisonVisits>().RecordAsync(visited.Id, new VisitInput(world.Date(1, 5), "走访", [new ProblemInput("活动室未挂牌", world.Date(6, 30), null)]),
            await world.CallerAsync("s2-secretary"), None);
        await world.AdvanceToAsync(4, 10);

        var results = await engine.Get<LiaisonReports>().AssessmentAsync(new LiaisonFilter(world.Year, null, world.World.District), await world.CallerAsync("district-admin"), None);
        Assert.Equal([visited.Id, absent.Id], results.Select(r => r.Id));
        Assert.Equal([1, 2], results.Select(r => r.Rank));
        Assert.Equal((0m, 0m, 0m, 0m), (results[1].TargetScore, results[1].ProblemScore, results[1].VisitScore, results[1].Score)); // nothing checked, nothing earned
        // on 10 April the first quarter is over: 1 visit required, 1 made; the problem due 30 June counts neither way, so P = V = 1
        Assert.Equal((1, 1, 1, 0), (results[0].ProblemsNotYetDue, results[0].Visits, results[0].VisitsRequired, results[0].ProblemsOverdue));
        Assert.Equal((100m, 100m, 50m), (results[0].ProblemScore, results[0].VisitScore, results[0].Score));

        await world.AdvanceToAsync(7, 1);
        var later = await engine.Get<LiaisonReports>().AssessmentAsync(new LiaisonFilter(world.Year, null, world.World.District), await world.CallerAsync("district-admin"), None);
        // past its due date and still open, the problem is a failure; two quarters over: V = 1/2, so 20 × 0.5 = 10
        Assert.Equal((visited.Id, 0, 1, 2), (later[0].Id, later[0].ProblemsNotYetDue, later[0].ProblemsOverdue, later[0].VisitsRequired));
        Assert.Equal((0m, 50m, 10m), (later[0].ProblemScore, later[0].VisitScore, later[0].Score));
    }

    [Fact]
    public async Task Equal_scores_share_a_rank_and_the_next_rank_is_skipped()
    {
        var world = await LiaisonWorld.CreateAsync(engine, streets: 3);
        await world.StartYearAsync();
        var best = await world.CreatePointAsync("s1-secretary", 1);
        var overdue = new[] { (Point: await world.CreatePointAsync("s2-secretary", 2), Leader: "s2-secretary"), (Point: await world.CreatePointAsync("city-leader", 1), Leader: "city-leader") };
        var worst = await world.CreatePointAsync("s3-secretary", 3);
        var visits = engine.Get<LiaisonVisits>();
        await visits.RecordAsync(best.Id, new VisitInput(world.Date(1, 5), "走访", null), await world.CallerAsync("s1-secretary"), None);
        foreach (var (point, leader) in overdue)
            await visits.RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访", [new ProblemInput("a", world.Date(1, 20), null)]), await world.CallerAsync(leader), None);
        await world.AdvanceToAsync(1, 21);

        var results = await engine.Get<LiaisonReports>().AssessmentAsync(new LiaisonFilter(world.Year, null, world.World.District), await world.CallerAsync("district-admin"), None);
        Assert.Equal([1, 2, 2, 4], results.Select(r => r.Rank));
        // 1 visit required and made: nothing found 30 × 1 + 20 × 1; problem open past due 30 × 0 + 20 × 1 (twice); never visited 0
        Assert.Equal([50m, 20m, 20m, 0m], results.Select(r => r.Score));
        Assert.Equal(best.Id, results[0].Id);
        Assert.Equal(overdue.Select(p => p.Point.Id).Order(), results.Skip(1).Take(2).Select(r => r.Id).Order());
        Assert.Equal([1, 1], results.Skip(1).Take(2).Select(r => r.ProblemsOverdue));
        Assert.Equal(worst.Id, results[3].Id);
    }
}
