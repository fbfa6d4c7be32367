using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Meetings;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>例会 in the browser: a street officer opens a meeting the street owes this quarter and records it as held, on an office screen and a phone.</summary>
public class MeetingJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly string Shots = Path.Combine(Path.GetTempPath(), "cw-shots");

    /// <summary>
    /// A meeting the street owes: when it owes none yet, the clock goes to the cadences' next occurrence and its
    /// obligations are opened, as the recurring job does.
    /// </summary>
    async Task<MeetingView> OwedAsync(string street)
    {
        var queries = host.Get<MeetingQueries>();
        var filter = new MeetingFilter(street, null, "Due", "street-quarterly");
        if ((await queries.ListAsync(filter, Root, CancellationToken.None)).Count == 0)
        {
            var occurrences = host.Get<MeetingOccurrences>();
            var next = await occurrences.NextDueAsync(host.Clock.GetUtcNow().AddYears(3), CancellationToken.None);
            Assert.NotNull(next);
            if (next.Value > host.Clock.GetUtcNow())
                host.Clock.MoveTo(next.Value.AddHours(1));
            await occurrences.RunDueAsync(host.Clock.GetUtcNow(), CancellationToken.None);
        }
        return (await queries.ListAsync(filter, Root, CancellationToken.None)).First();
    }

    [Theory]
    [InlineData("JC-DH-LW", "lw.secretary", 1366, 768)]
    [InlineData("JC-DH-TY", "ty.secretary", 390, 844)]
    public async Task A_street_officer_records_an_owed_meeting_and_it_shows_as_held(string street, string officer, int width, int height)
    {
        Directory.CreateDirectory(Shots);
        var owed = await OwedAsync(street);

        await using var browser = await host.SignInAsync(officer, width, height);
        var page = browser.Page;
        await browser.GoAsync("/meetings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "例会", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("应开")).ToBeVisibleAsync();
        await browser.ShotAsync(Path.Combine(Shots, $"meetings-{width}.png"));
        await page.Locator($"a[href='/meetings/{owed.Id}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = owed.Title })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".ant-tag", new() { HasText = "待召开" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "记录会议" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("会议日期").FillAsync(ChinaTime.DateOf(host.Clock.GetUtcNow()).ToString("yyyy-MM-dd"));
        await dialog.GetByLabel("参会人员").FillAsync("王书记、李委员、张委员");
        await dialog.GetByLabel("议题").FillAsync("研究本季度社区党建工作\n部署在职党员到社区报到");
        await dialog.GetByLabel("会议纪要", new() { Exact = true }).FillAsync("会议听取了各社区党组织工作汇报，研究部署了下一阶段工作。");
        await dialog.GetByLabel("上传材料").SetInputFilesAsync(new FilePayload { Name = "签到表.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n%%EOF\n"u8.ToArray() });
        await browser.ShotAsync(Path.Combine(Shots, $"meeting-record-{width}.png"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".ant-tag", new() { HasText = "已召开" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "会议记录" })).ToContainTextAsync("李委员");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "佐证材料" })).ToContainTextAsync("签到表.pdf");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "记录会议" })).ToHaveCountAsync(0);
        await browser.ShotAsync(Path.Combine(Shots, $"meeting-held-{width}.png"));
        Assert.Equal("Held", (await host.Get<MeetingQueries>().GetAsync(owed.Id, Root, CancellationToken.None)).Status);
    }
}
