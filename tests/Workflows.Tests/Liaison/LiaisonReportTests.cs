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
        var results = await engine.Get<LiaisonReports>().AssessmentAsync(new LiaisonFilter(world.Year, null, world.World.District), admin, None);
        var best = results[0];
        Assert.Equal((1, point.Id), (best.Rank, best.Id));
        Assert.Equal((2, 1, 2, 1, 1, 2), (best.TargetsTotal, best.TargetsMet, best.ProblemsFound, best.ProblemsResolvedOnTime, best.ProblemsResolvedLate, best.Visits));
        // T = 1/2, P = (1 + 0.5 × 1) / 2, V = 2/4: 50 × 0.5 + 30 × 0.75 + 20 × 0.5 = 57.5
        Assert.Equal((50m, 75m, 50m, 57.5m), (best.TargetScore, best.ProblemScore, best.VisitScore, best.Score));
        var last = results[1];
        Assert.Equal((2, idle.Id, 30m), (last.Rank, last.Id, last.Score)); // nothing done, nothing found: only the problem share
    }

    [Fact]
    public async Task Equal_scores_share_a_rank_and_the_next_rank_is_skipped()
    {
        var world = await LiaisonWorld.CreateAsync(engine, streets: 3);
        await world.StartYearAsync();
        var best = await world.CreatePointAsync("s1-secretary", 1);
        var idle = new[] { await world.CreatePointAsync("s2-secretary", 2), await world.CreatePointAsync("city-leader", 1) };
        var worst = await world.CreatePointAsync("s3-secretary", 3);
        var visits = engine.Get<LiaisonVisits>();
        await visits.RecordAsync(best.Id, new VisitInput(world.Date(1, 5), "走访", null), await world.CallerAsync("s1-secretary"), None);
        await visits.RecordAsync(worst.Id, new VisitInput(world.Date(1, 5), "走访", [new ProblemInput("a", world.Date(1, 20), null)]), await world.CallerAsync("s3-secretary"), None);

        var results = await engine.Get<LiaisonReports>().AssessmentAsync(new LiaisonFilter(world.Year, null, world.World.District), await world.CallerAsync("district-admin"), None);
        Assert.Equal([1, 2, 2, 4], results.Select(r => r.Rank));
        Assert.Equal([35m, 30m, 30m, 5m], results.Select(r => r.Score)); // 30 + 20 × 1/4; 30; 30; 20 × 1/4
        Assert.Equal(best.Id, results[0].Id);
        Assert.Equal(idle.Select(p => p.Id).Order(), results.Skip(1).Take(2).Select(r => r.Id).Order());
        Assert.Equal(worst.Id, results[3].Id);
    }
}
