using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Tests.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Assessment;

/// <summary>The findings list of the web UI: paged and filtered in the database, its total from the same query, within the caller's scope.</summary>
public class FindingPageTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Findings_page_newest_first_filter_by_status_unit_and_recorder_and_stay_in_scope()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync();
        var inspector = await world.CallerAsync("inspector");
        var admin = await world.CallerAsync("district-admin");
        var findings = engine.Get<Findings>();
        for (var i = 1; i <= 5; i++)
            await findings.RecordAsync(cycle.Id, new NewFinding(world.Street(i % 2 + 1), $"问题{i}", "Minor", null, 5), i == 5 ? admin : inspector, None);
        var queries = engine.Get<FindingQueries>();

        var first = await queries.PageAsync(new FindingFilter(CycleId: cycle.Id, Limit: 2), inspector, None);
        Assert.Equal(5, first.Total);
        Assert.Equal(["问题5", "问题4"], first.Items.Select(f => f.Finding.Description));
        var last = await queries.PageAsync(new FindingFilter(CycleId: cycle.Id, Limit: 2, Offset: 4), inspector, None);
        Assert.Equal(5, last.Total);
        Assert.Equal(["问题1"], last.Items.Select(f => f.Finding.Description));
        Assert.Equal(5, (await queries.PageAsync(new FindingFilter(CycleId: cycle.Id, Limit: 2, Offset: 10), inspector, None)).Total);

        var mine = await queries.PageAsync(new FindingFilter(CycleId: cycle.Id, RecordedByMe: true), inspector, None);
        Assert.Equal(4, mine.Total);
        var s1 = await queries.PageAsync(new FindingFilter(CycleId: cycle.Id, OrgUnitCode: world.Street(1)), inspector, None);
        Assert.Equal(["问题4", "问题2"], s1.Items.Select(f => f.Finding.Description));
        Assert.All(s1.Items, f => Assert.Equal((TaskState.Open, cycle.Year), (f.RectificationState, f.CycleYear)));

        // a street sees its own findings only, and none are verified yet
        var officer = await world.CallerAsync("s2-officer");
        var own = await queries.PageAsync(new FindingFilter(CycleId: cycle.Id), officer, None);
        Assert.Equal(3, own.Total);
        Assert.All(own.Items, f => Assert.Equal(world.Street(2), f.Finding.OrgUnitCode));
        Assert.Equal(0, (await queries.PageAsync(new FindingFilter(nameof(FindingStatus.Verified), CycleId: cycle.Id), officer, None)).Total);
        Assert.Equal(3, (await queries.PageAsync(new FindingFilter("open", CycleId: cycle.Id), officer, None)).Total);

        var bad = await Assert.ThrowsAsync<RuleViolationException>(() => queries.PageAsync(new FindingFilter("Closed", Limit: 0), inspector, None));
        Assert.Equal(["/status"], bad.Errors.Select(e => e.Field));
        var tooMany = await Assert.ThrowsAsync<RuleViolationException>(() => queries.PageAsync(new FindingFilter(Limit: FindingQueries.MaxPageSize + 1), inspector, None));
        Assert.Equal(["/limit"], tooMany.Errors.Select(e => e.Field));
    }
}
