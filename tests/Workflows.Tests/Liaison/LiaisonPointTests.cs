using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class LiaisonPointTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_leader_sets_up_a_point_with_its_work_group_backing_unit_and_targets_and_carries_their_level()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);

        Assert.Equal(world.Name("s1-secretary"), point.Leader);
        Assert.Equal(LeaderLevel.Street, point.LeaderLevel);
        Assert.Equal(world.Community(1), point.Community);
        Assert.Equal(world.Seated(1), point.BackingUnit);
        Assert.Equal(["组长", "联络员"], point.WorkGroup.Select(m => m.Role));
        Assert.Equal(world.Name("wg-member"), point.WorkGroup[1].Username);
        Assert.Equal(["T1", "T2"], point.Targets.Select(t => t.Code));
        Assert.All(point.Targets, t => Assert.Equal(0, t.Progress));
        Assert.Equal(0, point.Progress);
        Assert.Equal(new DateOnly(world.Year, 1, 5), point.StartedOn);
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.LiaisonPoint(point.Id), None);
        Assert.Equal("LiaisonPointCreated", Assert.Single(journal).Action);

        await Assert.ThrowsAsync<ConflictException>(() => world.CreatePointAsync("s1-secretary", 1));
        var city = await world.CreatePointAsync("city-leader", 2);
        Assert.Equal(LeaderLevel.City, city.LeaderLevel);
        var district = await engine.Get<LiaisonPoints>().CreateAsync(world.Point("district-secretary", 2), await world.CallerAsync("district-admin"), None);
        Assert.Equal(LeaderLevel.District, district.LeaderLevel);
        Assert.Equal(world.Name("district-admin"), district.CreatedBy);
    }

    [Fact]
    public async Task A_point_lies_in_its_leaders_area_with_a_seated_backing_unit_and_every_bad_field_is_named()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var points = engine.Get<LiaisonPoints>();
        var admin = await world.CallerAsync("district-admin");

        var outside = await Assert.ThrowsAsync<RuleViolationException>(() => points.CreateAsync(world.Point("s1-secretary", 2), admin, None));
        Assert.Equal(["/communityCode"], outside.Errors.Select(e => e.Field));
        var notSeated = await Assert.ThrowsAsync<RuleViolationException>(() => points.CreateAsync(
            world.Point("s1-secretary", 1) with { BackingUnitCode = world.World.Street(1) }, admin, None));
        Assert.Equal(["/backingUnitCode"], notSeated.Errors.Select(e => e.Field));
        var notLeader = await Assert.ThrowsAsync<RuleViolationException>(() => points.CreateAsync(
            world.Point("s1-officer", 1) with { WorkGroup = [new WorkGroupMemberInput("x", "y", "nobody.here", null)] }, admin, None));
        Assert.Equal(["/leaderUsername", "/workGroup/0/username"], notLeader.Errors.Select(e => e.Field));
        var notACommunity = await Assert.ThrowsAsync<RuleViolationException>(() => points.CreateAsync(
            world.Point("s1-secretary", 1) with { CommunityCode = world.Seated(1) }, admin, None));
        Assert.Equal(["/communityCode"], notACommunity.Errors.Select(e => e.Field));

        // a city leader may bring a backing unit from anywhere in the city
        var cityLeader = await world.CallerAsync("city-leader");
        var city = await points.CreateAsync(world.Point("city-leader", 1) with { BackingUnitCode = world.Seated(2) }, cityLeader, None);
        Assert.Equal(world.Seated(2), city.BackingUnit);
    }

    [Fact]
    public async Task A_leader_sees_their_own_points_district_administrators_their_districts_and_everyone_else_gets_404()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        var other = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var queries = engine.Get<LiaisonQueries>();

        foreach (var role in new[] { "s1-secretary", "district-admin", "wg-member" })
            Assert.Equal(point.Id, (await queries.GetAsync(point.Id, await world.CallerAsync(role), None)).Id);
        foreach (var role in new[] { "s2-secretary", "city-leader", "k1-officer", "s1-officer", "inspector" })
        {
            var outsider = await world.CallerAsync(role);
            await Assert.ThrowsAsync<NotFoundException>(() => queries.GetAsync(point.Id, outsider, None));
        }
        var otherAdmin = await other.CallerAsync("district-admin");
        await Assert.ThrowsAsync<NotFoundException>(() => queries.GetAsync(point.Id, otherAdmin, None));

        var filter = new LiaisonFilter(world.Year, null, null);
        Assert.Equal([point.Id], (await queries.ListAsync(filter, await world.CallerAsync("s1-secretary"), None)).Select(p => p.Id));
        Assert.Contains(point.Id, (await queries.ListAsync(filter, await world.CallerAsync("district-admin"), None)).Select(p => p.Id));
        Assert.Empty(await queries.ListAsync(filter, await world.CallerAsync("k1-officer"), None));
        Assert.DoesNotContain(point.Id, (await queries.ListAsync(filter, otherAdmin, None)).Select(p => p.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => queries.ListAsync(filter with { ScopeCode = world.World.District }, otherAdmin, None));

        // seeing the community is not setting up its leader's point: only the leader or a district administrator may
        var streetOfficer = await world.CallerAsync("s1-officer");
        await Assert.ThrowsAsync<ForbiddenException>(() => engine.Get<LiaisonPoints>().CreateAsync(world.Point("s1-secretary", 1), streetOfficer, None));
    }

    [Fact]
    public async Task Progress_keeps_its_history_the_point_shows_the_mean_and_late_targets_are_flagged()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1,
            new TargetInput("T1", "活动室挂牌", world.Date(3, 31)), new TargetInput("T2", "党员报到", world.Date(6, 30)), new TargetInput("T3", "居民满意度", world.Date(12, 15)));
        var points = engine.Get<LiaisonPoints>();
        var leader = await world.CallerAsync("s1-secretary");
        var member = await world.CallerAsync("wg-member");

        await points.RecordProgressAsync(point.Id, "T1", new TargetProgressInput(40, "已选址"), leader, None);
        await world.AdvanceToAsync(2, 10);
        await points.RecordProgressAsync(point.Id, "t1", new TargetProgressInput(100, "已挂牌"), member, None);
        var t2 = await points.RecordProgressAsync(point.Id, "T2", new TargetProgressInput(50, null), leader, None);
        Assert.Equal(50, t2.Progress);

        await world.AdvanceToAsync(7, 1);
        var detail = await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None);
        var t1 = detail.Targets.Single(t => t.Code == "T1");
        Assert.Equal([40, 100], t1.History.Select(h => h.Progress));
        Assert.Equal(["已选址", "已挂牌"], t1.History.Select(h => h.Note));
        Assert.Equal(world.Name("wg-member"), t1.History[1].RecordedBy);
        Assert.True(t1.Met);
        Assert.False(t1.Overdue);
        Assert.True(detail.Targets.Single(t => t.Code == "T2").Overdue);
        Assert.False(detail.Targets.Single(t => t.Code == "T3").Overdue);
        Assert.Equal(50, detail.Progress); // (100 + 50 + 0) / 3
        Assert.Equal(1, detail.OverdueTargets);

        await Assert.ThrowsAsync<NotFoundException>(() => points.RecordProgressAsync(point.Id, "T9", new TargetProgressInput(10, null), leader, None));
        var bad = await Assert.ThrowsAsync<RuleViolationException>(() => points.RecordProgressAsync(point.Id, "T3", new TargetProgressInput(120, null), leader, None));
        Assert.Equal(["/progress"], bad.Errors.Select(e => e.Field));
        var added = await points.AddTargetAsync(point.Id, new TargetInput("T4", "新增目标", world.Date(11, 30)), leader, None);
        Assert.Equal(0, added.Progress);
        await Assert.ThrowsAsync<ConflictException>(() => points.AddTargetAsync(point.Id, new TargetInput("t4", "重复", world.Date(11, 30)), leader, None));
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.LiaisonPoint(point.Id), None);
        Assert.Equal(3, journal.Count(e => e.Action == "TargetProgress"));
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.LiaisonPoint(point.Id), None)).Valid);
    }
}
