using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>工作台 by role: the district's running cycle (steps, counts, chart, streets in colours), a street's own tasks, the administrator's links.</summary>
public class WorkbenchTests(UiHost host) : IClassFixture<UiHost>
{
    [Fact]
    public async Task The_district_workbench_says_how_to_start_then_shows_the_running_cycle_and_a_street_officer_sees_their_counts()
    {
        await using (var before = await host.SignInAsync("dh.admin"))
        {
            await before.GoAsync("/");
            await Assertions.Expect(before.Page.GetByText("还没有进行中的考核周期 — 发起考核")).ToBeVisibleAsync();
            await Assertions.Expect(before.Page.GetByRole(AriaRole.Link, new() { Name = "发起考核" })).ToHaveAttributeAsync("href", "/cycles");
        }
        var cycle = await CycleEngine.LaunchAsync(host, "dh.admin", "JC-DH");

        await using var admin = await host.SignInAsync("dh.admin");
        var page = admin.Page;
        await admin.GoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "2026年度社区党建工作责任制年度考核 · 江城市东湖区" })).ToHaveAttributeAsync("href", $"/cycles/{cycle.Id}");
        foreach (var stage in new[] { "年初定目标", "年中检查", "年底考核" })
            await Assertions.Expect(page.Locator(".ant-steps").GetByText(stage)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "待审核 0" })).ToHaveAttributeAsync("href", "/tasks?status=Submitted");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "已退回 0" })).ToHaveAttributeAsync("href", "/tasks?status=Returned");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "逾期 0" })).ToHaveAttributeAsync("href", "/tasks?overdue=true");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "各街道完成情况" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True((await chart.BoundingBoxAsync())!.Height >= 200);
        var streets = page.GetByRole(AriaRole.Table, new() { Name = "各街道督办情况" });
        await Assertions.Expect(streets.GetByRole(AriaRole.Link, new() { Name = "柳湾街道" })).ToHaveAttributeAsync("href", $"/cycles/{cycle.Id}?street=JC-DH-LW");
        await Assertions.Expect(streets).ToContainTextAsync("还剩");
        await admin.ShotAsync("workbench-district.png");

        await using var officer = await host.SignInAsync("lw.secretary");
        await officer.GoAsync("/");
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "待提交 2" })).ToHaveAttributeAsync("href", "/tasks?status=Open");
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "逾期 0" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.Page.Locator(".cw-next-due")).ToContainTextAsync("还剩");
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "联系点" }).Last).ToHaveAttributeAsync("href", "/liaison-points");
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Name = "考核督办" })).ToHaveCountAsync(0);
        await officer.ShotAsync("workbench-street.png");
        await officer.Page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "已退回 0" })).ToBeInViewportAsync();
        await officer.ShotAsync("workbench-street-phone.png");
    }

    [Fact]
    public async Task The_administrator_workbench_links_to_the_administration_pages()
    {
        await using var admin = await host.SignInAsync("demo.admin");
        await admin.GoAsync("/");
        var section = admin.Page.Locator("section", new() { Has = admin.Page.GetByRole(AriaRole.Heading, new() { Name = "系统管理" }) });
        foreach (var (name, href) in new[] { ("组织架构", "/org-units"), ("用户管理", "/users"), ("工作日历", "/calendars"), ("任务调度", "/hangfire") })
            await Assertions.Expect(section.GetByRole(AriaRole.Link, new() { NameRegex = new($"^{name}") })).ToHaveAttributeAsync("href", href);
    }
}
