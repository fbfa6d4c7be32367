using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>考核周期: launching from the list through the dialog, the board with its filters, the journal, and what others may not see.</summary>
public class CycleJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    static readonly Regex BoardAddress = new(@"/cycles/(\d+)$");

    [Fact]
    public async Task A_district_admin_launches_a_cycle_sees_the_participant_count_first_and_lands_on_its_board()
    {
        await using var browser = await host.SignInAsync("dh.admin");
        var page = browser.Page;
        await browser.GoAsync("/cycles");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "还没有考核周期" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发起考核" }).First.ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var template = dialog.GetByLabel("考核模板");
        await Assertions.Expect(template.Locator("option", new() { HasText = "社区党建工作责任制年度考核" })).ToHaveCountAsync(1);
        await template.SelectOptionAsync(new SelectOptionValue { Label = "社区党建工作责任制年度考核" });
        await dialog.GetByLabel("年度").FillAsync("2026");
        await dialog.GetByLabel("范围").SelectOptionAsync(new SelectOptionValue { Label = "江城市东湖区" });
        await Assertions.Expect(dialog.GetByText("将有 3 个街道参加本次考核")).ToBeVisibleAsync();
        await browser.ShotAsync("cycles-launch-dialog.png");

        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确认发起" });
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();
        await page.WaitForURLAsync(BoardAddress);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("2026年度社区党建工作责任制年度考核 · 江城市东湖区");
        await Assertions.Expect(page.GetByText("已发起考核：3 个参与单位的任务已生成")).ToBeVisibleAsync();
        var board = page.GetByRole(AriaRole.Table, new() { Name = "参与单位 × 任务" });
        foreach (var street in new[] { "柳湾街道", "桃源街道", "新华街道" })
            await Assertions.Expect(board.GetByRole(AriaRole.Rowheader, new() { Name = street })).ToBeVisibleAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Link, new() { NameRegex = new("^柳湾街道 .* 待提交$") }).First).ToHaveAttributeAsync("href", new Regex(@"^/tasks/\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "考核评分", Exact = true })).ToHaveAttributeAsync("href", new Regex(@"/cycles/\d+/scoring$"));
        await browser.ShotAsync("cycles-board.png");

        // filter by street, kept in the address
        await page.GetByLabel("街道", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "桃源街道" });
        await page.WaitForURLAsync(new Regex("street=JC-DH-TY"));
        await Assertions.Expect(board.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(1);
        await Assertions.Expect(board.GetByRole(AriaRole.Rowheader, new() { Name = "桃源街道" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("共 1 个参与单位")).ToBeVisibleAsync();
        await page.GetByLabel("状态", new() { Exact = true }).SelectOptionAsync("Accepted");
        await page.WaitForURLAsync(new Regex("status=Accepted"));
        await Assertions.Expect(page.GetByText("没有符合筛选条件的参与单位。")).ToBeVisibleAsync();

        // the journal and its verification
        await page.GetByRole(AriaRole.Link, new() { Name = "查看日志" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/cycles/\d+/journal$"));
        await Assertions.Expect(page.GetByText("校验通过")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "考核周期日志" })).ToContainTextAsync("发起考核");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "考核周期" }).Last).ToBeVisibleAsync();
        await browser.ShotAsync("cycles-journal.png");

        // the same again: said before confirming, refused with a message when confirmed
        await browser.GoAsync("/cycles");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "考核周期" })).ToContainTextAsync("江城市东湖区");
        await browser.ShotAsync("cycles-list.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "发起考核" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("考核模板").SelectOptionAsync(new SelectOptionValue { Label = "社区党建工作责任制年度考核" });
        await dialog.GetByLabel("范围").SelectOptionAsync(new SelectOptionValue { Label = "江城市东湖区" });
        await Assertions.Expect(dialog.GetByText("已发起过考核周期").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发起" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("不能重复发起");
        Assert.EndsWith("/cycles", page.Url);
    }

    [Fact]
    public async Task A_street_officer_launches_nothing_and_finds_no_cycle_of_another_district()
    {
        var other = await CycleEngine.LaunchAsync(host, "xs.admin", "JC-XS");
        await using var browser = await host.SignInAsync("lw.secretary");
        var page = browser.Page;
        await browser.GoAsync("/cycles");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "考核周期" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "发起考核" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "社区党建工作责任制年度考核" })).ToHaveCountAsync(0);

        // the page of a cycle out of scope says 未找到, as the API's 404 does, and shows nothing of it
        await page.GotoAsync($"/cycles/{other.Id}");
        await Assertions.Expect(page.GetByText("未找到", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("江城市西山区")).ToHaveCountAsync(0);
        await page.GotoAsync($"/cycles/{other.Id}/journal");
        await Assertions.Expect(page.GetByText("未找到", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("校验通过")).ToHaveCountAsync(0);
    }
}
