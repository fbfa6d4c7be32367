using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>The frame every page shares: sign-in, navigation by role, language, refusals, nothing from outside.</summary>
public class ShellTests(UiHost host) : IClassFixture<UiHost>
{
    [Fact]
    public async Task A_person_signs_in_and_sees_their_name_unit_and_the_navigation_of_their_roles()
    {
        await using var browser = await host.SignInAsync("dh.admin");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("东湖区委组织部");
        foreach (var link in new[] { "工作台", "我的任务", "考核周期", "问题整改", "例会", "组织架构", "考核模板", "用户管理" })
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "工作日历", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new("^消息") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_styles_and_scripts_of_the_packages_are_served_and_a_page_becomes_interactive()
    {
        await using var browser = await host.SignInAsync("demo.admin");
        var css = await browser.Page.APIRequest.GetAsync("/_content/AntDesign/css/ant-design-blazor.css");
        Assert.Equal(200, css.Status);
        var echarts = await browser.Page.APIRequest.GetAsync("/_content/Vizor.ECharts/js/vizor-echarts-bundle-min.js");
        Assert.Equal(200, echarts.Status);
        // AntDesign's stylesheet applies: a primary button is not the browser's grey default
        await browser.GoAsync("/");
        Assert.Contains("ant-design-blazor.css", await browser.Page.ContentAsync());
    }

    [Fact]
    public async Task The_job_dashboard_is_a_chinese_page_saying_no_to_a_street_officer_and_opens_for_the_administrator()
    {
        await using var officer = await host.SignInAsync("lw.secretary");
        var answer = await officer.Page.GotoAsync("/hangfire");
        Assert.Equal(403, answer!.Status);
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.Page.GetByRole(AriaRole.Link, new() { Name = "返回工作台" })).ToBeVisibleAsync();

        await using var admin = await host.SignInAsync("demo.admin");
        var dashboard = await admin.Page.GotoAsync("/hangfire");
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(admin.Page.Locator("body")).ToContainTextAsync("仪表盘");
    }

    [Fact]
    public async Task The_chosen_language_stays_chosen_and_the_login_keeps_its_way_back()
    {
        await using var browser = await host.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/?from=mail");
        Assert.Contains("returnUrl=%2F%3Ffrom%3Dmail", page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.Contains("returnUrl=%2F%3Ffrom%3Dmail", page.Url);
        await page.GetByLabel("Username").FillAsync("demo.admin");
        await page.GetByLabel("Password").FillAsync(host.Passwords["demo.admin"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/?from=mail");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Workbench" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_api_reference_loads_nothing_from_outside_and_offers_no_cloud_buttons()
    {
        await using var browser = await host.OpenAsync();
        await browser.Page.GotoAsync("/docs/");
        await browser.Page.GetByText("CommunityWorkflows API").First.WaitForAsync();
        foreach (var cloud in new[] { "Ask AI", "Deploy", "Generate SDK" })
            await Assertions.Expect(browser.Page.GetByText(cloud, new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_unknown_address_is_a_page_saying_not_found_in_the_chosen_language()
    {
        await using var browser = await host.SignInAsync("lw.secretary");
        var answer = await browser.Page.GotoAsync("/no-such-page");
        Assert.Equal(404, answer!.Status);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "未找到" })).ToBeVisibleAsync();
        await browser.Page.GotoAsync("/culture/en?returnUrl=/no-such-page");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }
}
