using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Liaison;
using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>消息: the unread count in the header, a notice that opens the page it is about, 全部已读.</summary>
public class NotificationTests : IClassFixture<UiHost>
{
    static readonly Caller Admin = new(0, "(test)", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly UiHost host;

    public NotificationTests(UiHost host)
    {
        this.host = host;
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [Fact]
    public async Task A_person_opens_a_notice_reads_all_and_the_count_in_the_header_goes_away()
    {
        var (pointId, problemId) = await ProblemAtPointOfAsync("city.leader1");
        await NotifyAsync("city.leader1",
            new Notice("test:1", NoticeKinds.Reminder, "【提醒】柳湾街道「年初目标」将于2026年1月20日到期，请按时办理。", 0, null),
            new Notice("test:2", VisitDueTimers.Kind, "【提醒】柳湾和平社区联系点已60天未走访。", 0, null),
            new Notice("test:3", ProblemTimers.Reminder, "【提醒】柳湾和平社区联系点问题「楼道照明不足」即将到期。", 0, null, ProblemId: problemId));

        await using var browser = await host.SignInAsync("city.leader1");
        var page = browser.Page;
        var header = page.Locator("header").GetByRole(AriaRole.Link, new() { NameRegex = new("^消息") });
        await Assertions.Expect(header).ToHaveAccessibleNameAsync("消息（3 条未读）");
        await Assertions.Expect(header).ToContainTextAsync("3");

        await header.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "消息", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-notice-unread")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("3 条未读")).ToBeVisibleAsync();
        await browser.ShotAsync(Shot("notifications-1366.png"));

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("楼道照明不足") }).ClickAsync();
        await page.WaitForURLAsync($"**/liaison-points/{pointId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("柳湾和平社区联系点") })).ToBeVisibleAsync();
        await Assertions.Expect(header).ToHaveAccessibleNameAsync("消息（2 条未读）");

        await header.ClickAsync();
        await Assertions.Expect(page.Locator(".cw-notice-unread")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "全部已读" }).ClickAsync();
        await Assertions.Expect(page.GetByText("没有未读消息")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-notice-unread")).ToHaveCountAsync(0);
        await Assertions.Expect(header).ToHaveAccessibleNameAsync("消息（0 条未读）");
        await Assertions.Expect(header).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*消息\s*$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "全部已读" })).ToBeDisabledAsync();
        Assert.Equal(0, await host.Get<UnreadNotices>().CountAsync(await CallerAsync("city.leader1"), default));
    }

    [Fact]
    public async Task On_a_phone_the_notices_fit_the_screen_and_someone_without_any_is_told_what_comes_there()
    {
        await NotifyAsync("lw.secretary", new Notice("phone:1", NoticeKinds.Overdue,
            "【逾期】柳湾街道「年中自查报告」已于2026年1月2日到期，尚未办结，请尽快提交并上传佐证材料。", 0, null, TaskId: 424242));
        await using var browser = await host.SignInAsync("lw.secretary", 390, 844);
        await browser.GoAsync("/notifications");
        await Assertions.Expect(browser.Page.Locator(".cw-notice-unread")).ToHaveCountAsync(1);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { NameRegex = new("年中自查报告") })).ToHaveAttributeAsync("href", "/tasks/424242");
        var widths = await browser.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]}px wide on a {widths[1]}px screen");
        await browser.ShotAsync(Shot("notifications-390.png"));

        await using var other = await host.SignInAsync("lw01.officer");
        await other.GoAsync("/notifications");
        await Assertions.Expect(other.Page.GetByText("暂无消息。")).ToBeVisibleAsync();
    }

    async Task<(long PointId, long ProblemId)> ProblemAtPointOfAsync(string leader)
    {
        var point = (await host.Get<LiaisonQueries>().ListAsync(new LiaisonFilter(null, leader, null), Admin, default)).Single();
        var today = ChinaTime.DateOf(host.Clock.GetUtcNow());
        var visit = await host.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(today.ToString("yyyy-MM-dd"), "走访",
            [new ProblemInput("楼道照明不足", today.AddDays(10).ToString("yyyy-MM-dd"))]), Admin, default);
        return (point.Id, visit.Problems.Single().Id);
    }

    /// <summary>Writes notices straight to one person through the engine's writer (their unit and audience do not matter here).</summary>
    async Task NotifyAsync(string username, params Notice[] notices)
    {
        await using var connection = await host.Get<NpgsqlDataSource>().OpenConnectionAsync();
        var (userId, unitId) = await connection.QuerySingleAsync<(long, long)>(
            "select (select id from app_user where username = @username), (select id from org_unit where code = 'JC')", new { username });
        await using var tx = await connection.BeginTransactionAsync();
        await host.Get<NoticeWriter>().WriteAsync(tx, notices.Select(n => n with { OrgUnitId = unitId, UserIds = [userId] }).ToList(), host.Clock.GetUtcNow(), default);
        await tx.CommitAsync();
    }

    async Task<Caller> CallerAsync(string username)
    {
        await using var connection = await host.Get<NpgsqlDataSource>().OpenConnectionAsync();
        var id = await connection.ExecuteScalarAsync<long>("select id from app_user where username = @username", new { username });
        return new Caller(id, username, []);
    }

    static string Shot(string name) => Path.Combine(Path.GetTempPath(), "cw-ui-liaison", name);
}
