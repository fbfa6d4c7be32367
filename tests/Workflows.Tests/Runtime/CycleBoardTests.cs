using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

/// <summary>A cycle's board and list read on the server: filtered, paged, totals from the same query, in the caller's scope; a launch previewed.</summary>
public class CycleBoardTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    CycleBoard Board => engine.Get<CycleBoard>();

    [Fact]
    public async Task A_preview_counts_the_participants_the_launch_then_creates_and_names_the_cycle_once_launched()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        await world.AdvanceToAsync(1, 5);
        var request = new LaunchRequest("test-annual", 1, TestTemplates.Annual, world.Year, world.District);
        var admin = await world.CallerAsync("district-admin");

        var preview = await engine.Get<CycleLauncher>().PreviewAsync(request, admin, None);
        Assert.Equal((3, "Street", (long?)null), (preview.Participants, preview.ParticipantKind, preview.ExistingCycleId));

        var cycle = await world.LaunchAsync(year: world.Year);
        Assert.Equal(preview.Participants, cycle.ParticipantCount);
        Assert.Equal(cycle.Id, (await engine.Get<CycleLauncher>().PreviewAsync(request, admin, None)).ExistingCycleId);
        var officer = await world.CallerAsync("s1-officer");
        await Assert.ThrowsAsync<RuleViolationException>(() => engine.Get<CycleLauncher>().PreviewAsync(request, officer, None));
    }

    [Fact]
    public async Task The_board_pages_participants_with_their_tasks_and_the_total_of_the_whole_filter()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");

        var first = await Board.PageAsync(cycle.Id, new BoardFilter(Limit: 2), admin, None);
        Assert.Equal(3, first.Total);
        Assert.Equal([world.Street(1), world.Street(2)], first.Rows.Select(r => r.OrgUnitCode));
        Assert.Equal(["targets", "letter", "selfInspection", "inspection", "dutyReport"], first.Columns.Select(c => c.TaskKey));
        Assert.Equal(5, first.Rows[0].Cells.Count);
        Assert.Equal(world.Street(1), first.Rows[0].StreetCode);

        var second = await Board.PageAsync(cycle.Id, new BoardFilter(Limit: 2, Offset: 2), admin, None);
        Assert.Equal((3, world.Street(3)), (second.Total, second.Rows.Single().OrgUnitCode));
        var past = await Board.PageAsync(cycle.Id, new BoardFilter(Limit: 2, Offset: 10), admin, None);
        Assert.Equal((3, 0), (past.Total, past.Rows.Count));
    }

    [Fact]
    public async Task The_board_filters_by_status_by_overdue_and_by_street_and_shows_a_street_officer_only_their_street()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var officer = await world.CallerAsync("s2-officer");
        var letter = (await Board.PageAsync(cycle.Id, new BoardFilter(StreetCode: world.Street(2)), admin, None)).Rows.Single().Cells.Single(c => c.TaskKey == "letter");
        await engine.Get<TaskActions>().SubmitAsync(letter.TaskId, null, null, officer, None);

        var accepted = await Board.PageAsync(cycle.Id, new BoardFilter(Status: "accepted"), admin, None);
        Assert.Equal((1, world.Street(2)), (accepted.Total, accepted.Rows.Single().OrgUnitCode));
        Assert.Equal(0, (await Board.PageAsync(cycle.Id, new BoardFilter(Overdue: true), admin, None)).Total);
        await world.AdvanceToAsync(4, 2);
        Assert.Equal(3, (await Board.PageAsync(cycle.Id, new BoardFilter(Overdue: true), admin, None)).Total);

        var own = await Board.PageAsync(cycle.Id, new BoardFilter(), officer, None);
        Assert.Equal((1, world.Street(2)), (own.Total, own.Rows.Single().OrgUnitCode));
        await Assert.ThrowsAsync<RuleViolationException>(() => Board.PageAsync(cycle.Id, new BoardFilter(Status: "Lost"), admin, None));
        var stranger = await (await World.CreateAsync(engine)).CallerAsync("district-admin");
        await Assert.ThrowsAsync<NotFoundException>(() => Board.PageAsync(cycle.Id, new BoardFilter(), stranger, None));
    }

    [Fact]
    public async Task Progress_by_street_the_cycle_list_and_the_task_counts_agree_with_the_tasks()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var officer = await world.CallerAsync("s1-officer");
        var letter = (await Board.PageAsync(cycle.Id, new BoardFilter(StreetCode: world.Street(1)), admin, None)).Rows.Single().Cells.Single(c => c.TaskKey == "letter");
        await engine.Get<TaskActions>().SubmitAsync(letter.TaskId, null, null, officer, None);

        var streets = await Board.StreetsAsync(cycle.Id, admin, None);
        Assert.Equal([world.Street(1), world.Street(2)], streets.Select(s => s.Code));
        Assert.Equal((1, 5, 1, 1), (streets[0].Participants, streets[0].Tasks, streets[0].Accepted, streets[0].Open));
        Assert.Equal((0, 2), (streets[1].Accepted, streets[1].Open));

        var listing = engine.Get<CycleListing>();
        var list = await listing.PageAsync(null, 10, 0, admin, None);
        Assert.Equal((1, cycle.Id, 10, 1), (list.Total, list.Items.Single().Id, list.Items.Single().Tasks, list.Items.Single().Accepted));
        Assert.Equal(cycle.Id, (await listing.PageAsync("Running", 10, 0, officer, None)).Items.Single().Id);
        Assert.Empty((await listing.PageAsync("Cancelled", 10, 0, admin, None)).Items);

        var counts = await listing.CountTasksAsync(null, officer, None);
        Assert.Equal((1, 0, 0, 1, 0), (counts.Open, counts.Submitted, counts.Returned, counts.Accepted, counts.Overdue));
        Assert.Equal("任务targets", counts.NextDue!.Title);
        Assert.Equal(3, (await listing.CountTasksAsync(cycle.Id, admin, None)).Open);
    }
}
