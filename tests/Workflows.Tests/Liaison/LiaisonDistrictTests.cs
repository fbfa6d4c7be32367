using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Liaison;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class LiaisonDistrictTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Progress_by_district_sums_the_points_the_caller_sees_by_their_communitys_district()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var visits = engine.Get<LiaisonVisits>();
        var first = await world.CreatePointAsync("s1-secretary", 1);
        var second = await world.CreatePointAsync("city-leader", 2);
        await engine.Get<LiaisonPoints>().RecordProgressAsync(first.Id, first.Targets[0].Code, new TargetProgressInput(80, "过半"), await world.CallerAsync("s1-secretary"), None);
        await visits.RecordAsync(second.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("活动室未挂牌", world.Date(1, 15), null), new ProblemInput("党员信息未更新", world.Date(6, 30), null)]),
            await world.CallerAsync("city-leader"), None);
        await world.AdvanceToAsync(2, 1);

        var districts = engine.Get<LiaisonDistricts>();
        var all = await districts.ProgressAsync(new LiaisonFilter(null, null, null), await world.CallerAsync("district-admin"), None);
        var district = Assert.Single(all);
        Assert.Equal(world.World.District, district.DistrictCode);
        Assert.Equal(2, district.Points);
        var dashboard = await engine.Get<LiaisonReports>().DashboardAsync(new LiaisonFilter(null, null, null), await world.CallerAsync("district-admin"), None);
        Assert.True(district.Progress > 0);
        Assert.Equal(dashboard.Totals.Progress, district.Progress);
        Assert.Equal(dashboard.Totals.PointsDueAVisit, district.PointsDueAVisit);
        Assert.Equal((2, 1), (district.OpenProblems, district.OverdueProblems));

        var own = Assert.Single(await districts.ProgressAsync(new LiaisonFilter(null, null, null), await world.CallerAsync("city-leader"), None));
        Assert.Equal((1, 0, 2), (own.Points, own.Progress, own.OpenProblems));
        Assert.Empty(await districts.ProgressAsync(new LiaisonFilter(world.Year + 1, null, null), await world.CallerAsync("district-admin"), None));
    }
}
