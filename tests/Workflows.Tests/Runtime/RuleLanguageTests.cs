using System.Globalization;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

/// <summary>A rule broken through a real command reads in the caller's language: Chinese under zh-CN, else English.</summary>
public class RuleLanguageTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static async Task<T> InAsync<T>(string culture, Func<Task<T>> act)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return await act(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public async Task A_return_without_a_comment_and_a_second_submission_are_refused_in_the_callers_language()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var officer = await world.CallerAsync("s1-officer");
        var actions = engine.Get<TaskActions>();
        var all = await engine.Get<TaskQueries>().ListAsync(new TaskFilter(null, null, cycle.Id, world.Street(1), 100, 0), admin, CancellationToken.None);
        var task = all.Single(t => t.Title == "任务targets");
        await actions.SubmitAsync(task.Id, JsonDocument.Parse("""{"goals": "g"}""").RootElement, null, officer, CancellationToken.None);

        Task<RuleViolationException> ReturnWithoutComment() =>
            Assert.ThrowsAsync<RuleViolationException>(() => actions.ReviewAsync(task.Id, "Return", " ", admin, CancellationToken.None));
        var zh = await InAsync("zh-CN", ReturnWithoutComment);
        var en = await InAsync("en", ReturnWithoutComment);
        Assert.Equal("退回任务须填写审核意见，说明需要修改的内容。", zh.Errors.Single().Message);
        Assert.Equal("A returned task needs a comment saying what to change.", en.Errors.Single().Message);
        Assert.Equal(en.Errors.Single().Field, zh.Errors.Single().Field);

        Task<ConflictException> SubmitAgain() => Assert.ThrowsAsync<ConflictException>(() =>
            actions.SubmitAsync(task.Id, JsonDocument.Parse("""{"goals": "again"}""").RootElement, null, officer, CancellationToken.None));
        Assert.Equal($"任务 {task.Id} 已提交，只有待办理或已退回的任务才能提交。", (await InAsync("zh-Hans", SubmitAgain)).Message);
        Assert.Equal($"Task {task.Id} is Submitted; only an Open or Returned task can be submitted.", (await InAsync("en-US", SubmitAgain)).Message);
    }

    [Fact]
    public async Task A_form_field_left_empty_is_named_by_its_label_in_chinese()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var officer = await world.CallerAsync("s1-officer");
        var all = await engine.Get<TaskQueries>().ListAsync(new TaskFilter(null, null, cycle.Id, world.Street(1), 100, 0), admin, CancellationToken.None);
        var task = all.Single(t => t.Title == "任务targets");

        var zh = await InAsync("zh-CN", () => Assert.ThrowsAsync<RuleViolationException>(() =>
            engine.Get<TaskActions>().SubmitAsync(task.Id, JsonDocument.Parse("{}").RootElement, null, officer, CancellationToken.None)));
        Assert.Equal(("/data/goals", "年度目标为必填项。"), (zh.Errors.Single().Field, zh.Errors.Single().Message));
        Assert.Equal("提交内容不符合任务表单的要求。", zh.Message);
    }
}
