using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class TaskPageTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    TaskPages Pages => engine.Get<TaskPages>();

    static TaskPageFilter All(int limit = 50, int offset = 0, bool submittedFirst = false) => new(null, null, submittedFirst, limit, offset);

    [Fact]
    public async Task A_page_holds_the_callers_tasks_with_the_total_of_the_filter_and_the_review_queue_puts_submissions_first()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        var admin = await world.CallerAsync("district-admin");

        var own = await Pages.PageAsync(All(), officer, CancellationToken.None);
        Assert.Equal(2, own.Total);
        Assert.All(own.Items, t => Assert.Equal(world.Street(1), t.OrgUnitCode));
        Assert.All(own.Items, t => Assert.Equal(("测试年度考核", world.Year), (t.CycleName, t.Year)));

        var first = await Pages.PageAsync(All(limit: 1), admin, CancellationToken.None);
        Assert.Equal((1, 4), (first.Items.Count, first.Total));
        var beyond = await Pages.PageAsync(All(offset: 100), admin, CancellationToken.None);
        Assert.Equal((0, 4), (beyond.Items.Count, beyond.Total));

        var targets = own.Items.Single(t => t.Title == "任务targets");
        await engine.Get<TaskActions>().SubmitAsync(targets.Id, JsonDocument.Parse("""{"goals": "建强阵地"}""").RootElement, null, officer, CancellationToken.None);
        var queue = await Pages.PageAsync(All(submittedFirst: true), admin, CancellationToken.None);
        Assert.Equal((targets.Id, TaskState.Submitted), (queue.Items[0].Id, queue.Items[0].Status));
        var submitted = await Pages.PageAsync(new TaskPageFilter("submitted", null, false, 50, 0), admin, CancellationToken.None);
        Assert.Equal([targets.Id], submitted.Items.Select(t => t.Id));
        Assert.Equal(1, submitted.Total);

        await world.AdvanceToAsync(4, 7);
        var overdue = await Pages.PageAsync(new TaskPageFilter(null, true, false, 50, 0), officer, CancellationToken.None);
        Assert.Equal(1, overdue.Total);
        Assert.True(overdue.Items.Single().Overdue);
        var heading = await Pages.CycleHeadingAsync(cycle.Id, officer, CancellationToken.None);
        Assert.Equal("年初定目标", heading.StageNames["TargetSetting"]);
    }

    [Fact]
    public async Task A_bad_filter_is_refused_at_its_pointer_and_another_district_sees_nothing()
    {
        var world = await World.CreateAsync(engine);
        var other = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        Assert.Equal("/status", Assert.Single((await Assert.ThrowsAsync<RuleViolationException>(() =>
            Pages.PageAsync(new TaskPageFilter("Done", null, false, 10, 0), officer, CancellationToken.None))).Errors).Field);
        Assert.Equal("/limit", Assert.Single((await Assert.ThrowsAsync<RuleViolationException>(() =>
            Pages.PageAsync(All(limit: TaskPages.MaxPageSize + 1), officer, CancellationToken.None))).Errors).Field);
        var stranger = await other.CallerAsync("district-admin");
        Assert.Equal(0, (await Pages.PageAsync(All(), stranger, CancellationToken.None)).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => Pages.CycleHeadingAsync(cycle.Id, stranger, CancellationToken.None));
    }
}
