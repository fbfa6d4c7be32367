using System.Text;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>The system administrator's journeys: the org tree and its import, accounts and their roles, the business calendar.</summary>
public class AdminJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    static readonly string Shots = Path.Combine(Path.GetTempPath(), "cw-admin-shots");

    static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    async Task ShotAsync(Session browser, string name)
    {
        Directory.CreateDirectory(Shots);
        await browser.ShotAsync(Path.Combine(Shots, name + ".png"));
    }

    static ILocator TreeNode(IPage page, string code) =>
        page.Locator(".ant-tree-treenode").Filter(new() { HasText = $"（{code}）" });

    [Fact]
    public async Task An_import_with_a_bad_row_names_its_line_and_field_writes_nothing_and_the_fixed_file_shows_in_the_tree()
    {
        await using var browser = await host.SignInAsync("demo.admin");
        var page = browser.Page;
        await browser.GoAsync("/org-units");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "组织架构", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(TreeNode(page, "JC")).ToBeVisibleAsync();

        await page.GetByLabel("导入文件").SetInputFilesAsync(Csv("units.csv",
            "code,name,kind,parentCode\nJC-DH-LW-07,柳湾新村社区,Community,JC-DH-LW\nJC-DH-LW-08,柳湾花园社区,Village,JC-DH-LW\n"));
        var problems = page.GetByRole(AriaRole.Table, new() { Name = "导入问题" });
        await Assertions.Expect(problems).ToBeVisibleAsync();
        var bad = problems.Locator("tbody tr");
        await Assertions.Expect(bad).ToHaveCountAsync(1);
        await Assertions.Expect(bad.Locator("td").Nth(0)).ToHaveTextAsync("第 3 行");
        await Assertions.Expect(bad.Locator("td").Nth(1)).ToHaveTextAsync("kind");
        await Assertions.Expect(bad.Locator("td").Nth(2)).ToHaveTextAsync("JC-DH-LW-08");
        await Assertions.Expect(page.GetByText("未写入任何数据")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认导入" })).ToHaveCountAsync(0);
        await ShotAsync(browser, "org-import-refused");
        var units = host.App.Services.GetRequiredService<OrgUnits>();
        var admin = await host.App.Services.GetRequiredService<Users>().ActAsAsync("demo.admin", CancellationToken.None);
        await Assert.ThrowsAsync<NotFoundException>(() => units.GetAsync("JC-DH-LW-07", admin, CancellationToken.None));

        await page.GetByLabel("导入文件").SetInputFilesAsync(Csv("units-fixed.csv",
            "code,name,kind,parentCode,memberCount\nJC-DH-LW-07,柳湾新村社区,Community,JC-DH-LW,45\nJC-DH-LW-08,柳湾花园社区,Community,JC-DH-LW,30\n"));
        await Assertions.Expect(page.GetByText("2 行全部通过检查")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("确认后将新建 2 个、更新 0 个单位")).ToBeVisibleAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => units.GetAsync("JC-DH-LW-07", admin, CancellationToken.None));
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Assertions.Expect(page.GetByText("新建 2 个，更新 0 个")).ToBeVisibleAsync();

        await TreeNode(page, "JC").Locator(".ant-tree-switcher").ClickAsync();
        await TreeNode(page, "JC-DH").Locator(".ant-tree-switcher").ClickAsync();
        await TreeNode(page, "JC-DH-LW").Locator(".ant-tree-switcher").ClickAsync();
        await TreeNode(page, "JC-DH-LW-07").Locator(".ant-tree-title").ClickAsync();
        var details = page.GetByRole(AriaRole.Region, new() { Name = "单位详情" });
        await Assertions.Expect(details).ToContainTextAsync("柳湾新村社区");
        await Assertions.Expect(details).ToContainTextAsync("社区");
        await Assertions.Expect(details).ToContainTextAsync("45");
        await ShotAsync(browser, "org-tree");
    }

    [Fact]
    public async Task The_administrator_finds_an_account_adds_a_scoped_role_and_unlocks_it()
    {
        const string username = "lw01.officer";
        var tokens = host.App.Services.GetRequiredService<AccessTokens>();
        for (var i = 0; i < 5; i++)
            Assert.Null(await tokens.IssueAsync(username, "wrong-password-" + i, "203.0.113.77", CancellationToken.None));

        await using var browser = await host.SignInAsync("demo.admin");
        var page = browser.Page;
        await browser.GoAsync("/users");
        await page.GetByLabel("搜索").FillAsync("lw01");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var list = page.GetByRole(AriaRole.Table, new() { Name = "账号列表" });
        await Assertions.Expect(list.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(list).ToContainTextAsync("已锁定至");
        await Assertions.Expect(page.GetByText("共 1 个账号")).ToBeVisibleAsync();
        await ShotAsync(browser, "users");

        await list.GetByRole(AriaRole.Link, new() { Name = username }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("柳湾第1社区党组织书记");
        await page.GetByLabel("角色", new() { Exact = true }).SelectOptionAsync("Inspector");
        await page.GetByLabel("所属单位").FillAsync("JC-DH-LW");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加角色" }).ClickAsync();
        var roles = page.GetByRole(AriaRole.Table, new() { Name = "已授予的角色" });
        await Assertions.Expect(roles.Locator("tbody tr").Filter(new() { HasText = "JC-DH-LW" }).Filter(new() { HasText = "督查" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "解锁" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("正常");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "解锁" })).ToHaveCountAsync(0);
        await ShotAsync(browser, "user");
        var user = await host.App.Services.GetRequiredService<Users>().GetAsync(username,
            await host.App.Services.GetRequiredService<Users>().ActAsAsync("demo.admin", CancellationToken.None), CancellationToken.None);
        Assert.Null(user.LockedUntil);
        Assert.Contains(user.Roles, r => r.Role == Domain.Access.Role.Inspector && r.OrgUnitCode == "JC-DH-LW");

        await page.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        var shown = page.GetByLabel("新密码");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var password = (await shown.TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "我已记下" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("新密码")).ToHaveCountAsync(0);
        await using var officer = await host.OpenAsync();
        await officer.SignInAsync(username, password);
    }

    [Fact]
    public async Task A_new_account_names_its_bad_unit_under_the_field_and_opens_once_created()
    {
        await using var browser = await host.SignInAsync("demo.admin");
        var page = browser.Page;
        await browser.GoAsync("/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建账号" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("用户名").FillAsync("ty.deputy");
        await dialog.GetByLabel("姓名").FillAsync("桃源街道党工委副书记");
        await dialog.GetByLabel("角色").SelectOptionAsync("StreetOfficer");
        await dialog.GetByLabel("所属单位").FillAsync("JC-DH-TY-01");
        await Assertions.Expect(dialog.GetByLabel("初始密码")).Not.ToHaveValueAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".cw-field").Filter(new() { HasText = "所属单位" }).GetByRole(AriaRole.Alert))
            .ToContainTextAsync("街道工作人员只能设在街道");
        await ShotAsync(browser, "user-create");
        await dialog.GetByLabel("所属单位").FillAsync("JC-DH-TY");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await page.WaitForURLAsync("**/users/ty.deputy");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "已授予的角色" })).ToContainTextAsync("JC-DH-TY");
    }

    [Fact]
    public async Task The_calendars_page_shows_the_loaded_years_marks_2027_as_assumed_and_imports_its_schedule()
    {
        host.Clock.MoveTo(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        await using var browser = await host.SignInAsync("demo.admin");
        var page = browser.Page;
        await browser.GoAsync("/calendars");
        var years = page.GetByRole(AriaRole.Table, new() { Name = "已加载年度" });
        await Assertions.Expect(years.Locator("tr").Filter(new() { HasText = "2026 年" })).ToContainTextAsync("已加载");
        await Assertions.Expect(years.Locator("tr").Filter(new() { HasText = "2027 年" })).ToContainTextAsync("按周末推算");
        await Assertions.Expect(page.GetByText("2027 年节假日安排尚未导入")).ToBeVisibleAsync();
        await ShotAsync(browser, "calendars");

        await page.GetByRole(AriaRole.Button, new() { Name = "导入年度日历" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("日历文件").SetInputFilesAsync(new FilePayload
        {
            Name = "cn-2027.json", MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("""
                { "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
                  "holidays": [ { "date": "2027-01-01", "name": "元旦" }, { "date": "2027-02-06", "name": "春节" }, { "date": "2027-02-07", "name": "春节" } ],
                  "workdays": [ { "date": "2027-02-14", "name": "春节调休" } ] }
                """),
        });
        await Assertions.Expect(dialog.GetByText("休息日 3 天，调休上班 1 天")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByLabel("年度")).ToHaveValueAsync("2027");
        await ShotAsync(browser, "calendar-import");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(years.Locator("tr").Filter(new() { HasText = "2027 年" })).ToContainTextAsync("已加载");
        await Assertions.Expect(page.GetByText("2027 年节假日安排尚未导入")).ToHaveCountAsync(0);

        await years.GetByRole(AriaRole.Link, new() { Name = "2027 年" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2027 年工作日历" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "调休上班日" })).ToContainTextAsync("2027年2月14日");
        await ShotAsync(browser, "calendar-year");
    }

    [Fact]
    public async Task A_street_officer_opening_the_org_units_page_is_told_in_chinese_that_it_is_not_theirs()
    {
        await using var browser = await host.SignInAsync("lw.secretary");
        await browser.GoAsync("/org-units");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "返回工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByLabel("导入文件")).ToHaveCountAsync(0);
        await browser.GoAsync("/users");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_admin_pages_fit_a_phone()
    {
        await using var browser = await host.SignInAsync("demo.admin", 390, 844);
        foreach (var (path, name, heading) in new[] { ("/org-units", "org-units-phone", "组织架构"), ("/users", "users-phone", "用户管理"), ("/calendars", "calendars-phone", "工作日历") })
        {
            await browser.GoAsync(path);
            await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await ShotAsync(browser, name);
            var overflow = await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} is wider than the phone");
        }
    }
}
