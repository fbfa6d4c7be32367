using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>The district organisation department's templates: a draft's JSON edited with every problem at its pointer, then published.</summary>
public class TemplateJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    static readonly string Shots = Path.Combine(Path.GetTempPath(), "cw-admin-shots");

    [Fact]
    public async Task A_district_administrator_creates_a_draft_sees_a_problem_at_its_pointer_fixes_it_and_publishes()
    {
        Directory.CreateDirectory(Shots);
        await using var browser = await host.SignInAsync("dh.admin");
        var page = browser.Page;
        await browser.GoAsync("/templates");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "模板列表" })).ToContainTextAsync("annual-responsibility");
        await browser.ShotAsync(Path.Combine(Shots, "templates.png"));

        await page.GetByRole(AriaRole.Link, new() { Name = "新建模板" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新建模板" })).ToBeVisibleAsync();
        var editor = page.GetByLabel("模板 JSON");
        var skeleton = await editor.InputValueAsync();
        await editor.FillAsync(skeleton.Replace("\"new-template\"", "\"dh-street-review\"").Replace("新考核模板", "东湖区街道党建述职"));
        await page.GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();

        await page.WaitForURLAsync("**/templates/dh-street-review");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "东湖区街道党建述职", Level = 1 })).ToBeVisibleAsync();
        var versions = page.GetByRole(AriaRole.Table, new() { Name = "版本" });
        await Assertions.Expect(versions).ToContainTextAsync("草稿");
        await Assertions.Expect(page.GetByText("所属：JC-DH")).ToBeVisibleAsync();

        var draft = page.GetByLabel("草稿 JSON");
        var good = await draft.InputValueAsync();
        Assert.Contains("\"due\": \"03-31\"", good);
        await draft.FillAsync(good.Replace("\"due\": \"03-31\"", "\"due\": \"13-45\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        var problems = page.GetByRole(AriaRole.Table, new() { Name = "模板问题" });
        var problem = problems.Locator("tbody tr").Filter(new() { HasText = "/stages/0/due" });
        await Assertions.Expect(problem).ToBeVisibleAsync();
        await Assertions.Expect(problem).ToContainTextAsync("“13-45”不是有效的期限规则");
        await Assertions.Expect(draft).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("13-45"));
        await browser.ShotAsync(Path.Combine(Shots, "template-problem.png"));

        await draft.FillAsync(good.Replace("\"due\": \"03-31\"", "\"due\": \"04-30\""));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(problems).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("草稿已保存")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(versions.Locator("tbody tr").First).ToContainTextAsync("已发布");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "基于最新版本新建草稿" })).ToBeVisibleAsync();
        await browser.ShotAsync(Path.Combine(Shots, "template-published.png"));
        await browser.GoAsync("/templates");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "模板列表" }).Locator("tr").Filter(new() { HasText = "dh-street-review" }))
            .ToContainTextAsync("v1");
    }

    [Fact]
    public async Task Text_that_is_not_json_is_reported_with_where_the_reader_stopped_and_nothing_is_created()
    {
        await using var browser = await host.SignInAsync("dh.admin");
        var page = browser.Page;
        await browser.GoAsync("/templates/new");
        await page.GetByLabel("模板 JSON").FillAsync("{ \"key\": \"broken\",\n  \"name\": }");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "模板问题" })).ToContainTextAsync("第 2 行");
        Assert.EndsWith("/templates/new", page.Url);
    }
}
