using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Workflows.Liaison;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>Leaders follow their liaison points in the browser: visits with problems, target progress; streets resolve what they own.</summary>
public class LiaisonJourneyTests : IClassFixture<UiHost>
{
    readonly UiHost host;

    public LiaisonJourneyTests(UiHost host)
    {
        this.host = host;
        // as long as the browser's own actions wait: on a loaded 2-core machine a circuit's first page takes seconds
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    static readonly Caller Admin = new(0, "(test)", [new RoleGrant(Role.SystemAdmin, null, null)]);

    DateOnly Today => ChinaTime.DateOf(host.Clock.GetUtcNow());

    [Fact]
    public async Task A_leader_records_a_visit_with_a_problem_and_updates_a_targets_progress()
    {
        await using var browser = await host.SignInAsync("city.leader1");
        var page = browser.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "联系点", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "联系点", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("尚未走访").First).ToBeVisibleAsync();
        // a city leader also sees the compliance view and the charts by district
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("东湖区：平均进度") })).ToBeVisibleAsync();
        await browser.ShotAsync(Shot("liaison-list-1366.png"));

        await page.GetByRole(AriaRole.Link, new() { Name = "柳湾和平社区" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("柳湾和平社区联系点") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "联系点", Exact = true }).Last).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("江城市柳湾第1中学").First).ToBeVisibleAsync();

        await RecordVisitAsync(page, "入户走访12户，听取居民对停车难的意见", "小区停车位不足，居民反映强烈");
        await Assertions.Expect(page.Locator(".cw-lia-timeline")).ToContainTextAsync("入户走访12户，听取居民对停车难的意见");
        var problem = page.Locator(".cw-lia-problem", new() { HasText = "小区停车位不足，居民反映强烈" });
        await Assertions.Expect(problem).ToContainTextAsync("待解决");
        await Assertions.Expect(problem).ToContainTextAsync("还剩");

        var target = page.GetByRole(AriaRole.Listitem, new() { Name = "党组织标准化规范化建设" });
        await target.GetByRole(AriaRole.Button, new() { Name = "更新进度" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("当前进度（%）").FillAsync("60");
        await dialog.GetByLabel("进展说明").FillAsync("完成阵地标准化改造");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(target.Locator(".ant-progress-text")).ToHaveTextAsync("60%");
        await target.GetByText("进度记录（1 条）").ClickAsync();
        await Assertions.Expect(target).ToContainTextAsync("完成阵地标准化改造");
        await browser.ShotAsync(Shot("liaison-point-1366.png"));
    }

    [Fact]
    public async Task On_a_phone_the_points_and_the_visit_form_fit_the_screen_with_large_tap_targets()
    {
        await using var browser = await host.SignInAsync("dh.secretary", 390, 844);
        var page = browser.Page;
        await browser.GoAsync("/liaison-points");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "桃源幸福社区" })).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await browser.ShotAsync(Shot("liaison-list-390.png"));

        await page.GetByRole(AriaRole.Link, new() { Name = "桃源幸福社区" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("桃源幸福社区联系点") })).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await AssertTappableAsync(page.GetByRole(AriaRole.Button, new() { Name = "记录走访" }));

        await page.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "添加问题" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("问题描述")).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await AssertTappableAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await AssertTappableAsync(dialog.GetByLabel("走访日期"));
        await browser.ShotAsync(Shot("liaison-visit-390.png"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await RecordVisitAsync(page, "与社区两委座谈，了解换届准备情况", "社区党群服务中心场地不足");
        await Assertions.Expect(page.Locator(".cw-lia-timeline")).ToContainTextAsync("与社区两委座谈");
        await Assertions.Expect(page.Locator(".cw-lia-problem", new() { HasText = "社区党群服务中心场地不足" })).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await browser.ShotAsync(Shot("liaison-point-390.png"));
    }

    [Fact]
    public async Task A_street_officer_resolves_a_problem_its_street_owns_with_a_note()
    {
        var points = await host.Get<LiaisonQueries>().ListAsync(new LiaisonFilter(null, "city.leader2", null), Admin, default);
        var pointId = points.Single().Id;
        await host.Get<LiaisonVisits>().RecordAsync(pointId, new VisitInput(Today.ToString("yyyy-MM-dd"), "调研老旧小区改造",
            [new ProblemInput("背街小巷路灯损坏需街道协调维修", Today.AddDays(20).ToString("yyyy-MM-dd"), "JC-XS-FL")]), Admin, default);

        await using var browser = await host.SignInAsync("fl.secretary");
        var page = browser.Page;
        await browser.GoAsync("/liaison-points");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "本街道承办的联系点问题" });
        var problem = section.Locator(".cw-lia-problem", new() { HasText = "背街小巷路灯损坏需街道协调维修" });
        await Assertions.Expect(problem).ToContainTextAsync("枫林街道");
        await problem.GetByRole(AriaRole.Button, new() { Name = "解决" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("解决情况").FillAsync("已协调城管更换路灯8盏");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认解决" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(problem).ToContainTextAsync("已解决");
        await Assertions.Expect(problem).ToContainTextAsync("已协调城管更换路灯8盏");
        await browser.ShotAsync(Shot("liaison-street-1366.png"));

        var resolved = (await host.Get<LiaisonQueries>().GetAsync(pointId, Admin, default)).Problems.Single();
        Assert.Equal(ProblemStatus.Resolved, resolved.Status);
        Assert.Equal("fl.secretary", resolved.ResolvedBy);
    }

    [Fact]
    public async Task A_district_administrator_sees_the_compliance_view_and_progress_by_district()
    {
        await using var browser = await host.SignInAsync("xs.admin");
        var page = browser.Page;
        await browser.GoAsync("/liaison-points");
        var compliance = page.GetByRole(AriaRole.Region, new() { Name = "联系点制度落实情况" });
        await Assertions.Expect(compliance).ToContainTextAsync("青松街道党工委书记");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("西山区：平均进度") })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-lia-chart canvas").First).ToBeVisibleAsync();
        await browser.ShotAsync(Shot("liaison-overview-1366.png"));
    }

    async Task RecordVisitAsync(IPage page, string summary, string problem)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("走访日期").FillAsync(Today.ToString("yyyy-MM-dd"));
        await dialog.GetByLabel("走访情况").FillAsync(summary);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "添加问题" }).ClickAsync();
        await dialog.GetByLabel("问题描述").FillAsync(problem);
        await dialog.GetByLabel("整改期限").FillAsync(Today.AddDays(14).ToString("yyyy-MM-dd"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, inner) = (widths[0], widths[1]);
        Assert.True(scroll <= inner, $"the page is {scroll}px wide on a {inner}px screen");
    }

    static async Task AssertTappableAsync(ILocator control)
    {
        var box = await control.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height >= 40, $"a tap target is {box.Height}px high");
    }

    static string Shot(string name) => Path.Combine(Path.GetTempPath(), "cw-ui-liaison", name);
}
