using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class ProblemOwnerTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The district leader's point in street 1 with two problems: one owned by the community, one by the unit seated in the street.</summary>
    async Task<(LiaisonWorld World, long PointId, ProblemView Community, ProblemView Seated)> TwoProblemsAsync()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        // the community's secretary holds no role at the seated unit: it answers for it only as its secretary
        await world.SetSecretaryAsync(world.Seated(1), "k1-officer");
        var point = await world.CreatePointAsync("district-secretary", 1);
        var visit = await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("党员活动室未挂牌", world.Date(3, 31), null), new ProblemInput("供电所未到社区报到", world.Date(2, 27), world.Seated(1))]),
            await world.CallerAsync("district-secretary"), None);
        return (world, point.Id, visit.Problems[0], visit.Problems[1]);
    }

    [Fact]
    public async Task The_owner_units_people_list_their_problems_and_resolve_them_without_seeing_the_point()
    {
        var (world, pointId, community, seated) = await TwoProblemsAsync();
        var owner = await world.CallerAsync("k1-officer");
        var problems = engine.Get<LiaisonProblems>();

        var mine = await problems.ListAsync(null, LiaisonPage.First, owner, None);
        Assert.Equal([seated.Id, community.Id], mine.Select(p => p.Id)); // open, the sooner due first
        Assert.All(mine, p => Assert.True(p.CanResolve));
        Assert.Equal((pointId, world.Community(1), world.Name("district-secretary")), (mine[0].PointId, mine[0].Community, mine[0].Leader));
        await Assert.ThrowsAsync<NotFoundException>(() => engine.Get<LiaisonQueries>().GetAsync(pointId, owner, None));

        var resolved = await engine.Get<LiaisonVisits>().SetStatusAsync(pointId, seated.Id, new ProblemStatusInput("Resolved", "供电所党员已报到"), owner, None);
        Assert.Equal((ProblemStatus.Resolved, world.Name("k1-officer"), "供电所党员已报到"), (resolved.Status, resolved.ResolvedBy, resolved.Note));
        Assert.Equal(0, await engine.PendingTimersAsync("Problem", seated.Id));
        Assert.NotEqual(0, await engine.PendingTimersAsync("Problem", community.Id));
        var last = (await engine.Get<EventJournal>().ReadAsync(JournalStreams.LiaisonPoint(pointId), None))[^1];
        Assert.Equal(("ProblemResolved", world.Name("k1-officer"), $"problem:{seated.Id}"), (last.Action, last.Actor, last.Subject));

        Assert.Equal([community.Id], (await problems.ListAsync("open", LiaisonPage.First, owner, None)).Select(p => p.Id));
        Assert.Equal([seated.Id], (await problems.ListAsync("Resolved", LiaisonPage.First, owner, None)).Select(p => p.Id));
        Assert.Equal([seated.Id], (await problems.ListAsync(null, new LiaisonPage(1, 1), owner, None)).Select(p => p.Id));
        var leaders = await problems.ListAsync(null, LiaisonPage.First, await world.CallerAsync("district-secretary"), None);
        Assert.Equal([community.Id, seated.Id], leaders.Select(p => p.Id));
    }

    [Fact]
    public async Task Outside_the_owners_scope_a_problem_does_not_exist_and_in_scope_only_its_people_may_resolve_it()
    {
        var (world, pointId, community, _) = await TwoProblemsAsync();
        var problems = engine.Get<LiaisonProblems>();
        var visits = engine.Get<LiaisonVisits>();

        var outsider = await world.CallerAsync("s2-officer");
        Assert.Empty(await problems.ListAsync(null, LiaisonPage.First, outsider, None));
        await Assert.ThrowsAsync<NotFoundException>(() => problems.GetAsync(community.Id, outsider, None));
        await Assert.ThrowsAsync<NotFoundException>(() => visits.SetStatusAsync(pointId, community.Id, new ProblemStatusInput("Resolved", "x"), outsider, None));

        // the district's inspectors see the problems by scope, but answer for none of them
        var inspector = await world.CallerAsync("inspector");
        Assert.All(await problems.ListAsync(null, LiaisonPage.First, inspector, None), p => Assert.False(p.CanResolve));
        Assert.Equal(2, (await problems.ListAsync(null, LiaisonPage.First, inspector, None)).Count);
        await Assert.ThrowsAsync<ForbiddenException>(() => visits.SetStatusAsync(pointId, community.Id, new ProblemStatusInput("Resolved", "x"), inspector, None));
        var owner = await world.CallerAsync("k1-officer");
        await Assert.ThrowsAsync<NotFoundException>(() => visits.SetStatusAsync(pointId + 1000, community.Id, new ProblemStatusInput("Resolved", "x"), owner, None));
        Assert.Equal(ProblemStatus.Open, (await problems.GetAsync(community.Id, inspector, None)).Status);
    }

    [Fact]
    public async Task A_status_that_is_not_one_is_refused_by_its_field_and_changes_nothing()
    {
        var (world, pointId, community, _) = await TwoProblemsAsync();
        var owner = await world.CallerAsync("k1-officer");
        var pending = await engine.PendingTimersAsync("Problem", community.Id);

        var bad = await Assert.ThrowsAsync<RuleViolationException>(() =>
            engine.Get<LiaisonVisits>().SetStatusAsync(pointId, community.Id, new ProblemStatusInput("Closed", "x"), owner, None));
        Assert.Equal(["/status"], bad.Errors.Select(e => e.Field));
        Assert.Equal(ProblemStatus.Open, (await engine.Get<LiaisonProblems>().GetAsync(community.Id, owner, None)).Status);
        Assert.Equal(pending, await engine.PendingTimersAsync("Problem", community.Id));
        Assert.Equal("VisitRecorded", (await engine.Get<EventJournal>().ReadAsync(JournalStreams.LiaisonPoint(pointId), None))[^1].Action);

        var filter = await Assert.ThrowsAsync<RuleViolationException>(() => engine.Get<LiaisonProblems>().ListAsync("Open,Resolved", LiaisonPage.First, owner, None));
        Assert.Equal(["/status"], filter.Errors.Select(e => e.Field));
        Assert.Equal(["/limit"], Assert.Throws<RuleViolationException>(() => LiaisonPage.Of(0, null)).Errors.Select(e => e.Field));
        Assert.Equal(["/limit"], Assert.Throws<RuleViolationException>(() => LiaisonPage.Of(LiaisonPage.MaxLimit + 1, null)).Errors.Select(e => e.Field));
        Assert.Equal(["/offset"], Assert.Throws<RuleViolationException>(() => LiaisonPage.Of(null, -1)).Errors.Select(e => e.Field));
        Assert.Equal(new LiaisonPage(50, 0), LiaisonPage.Of(null, null));
    }
}
