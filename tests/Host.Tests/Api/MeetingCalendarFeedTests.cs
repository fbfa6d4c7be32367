using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>A host whose calendar feed lists at most four meetings.</summary>
public sealed class SmallFeedHostFixture : HostFixture
{
    protected override IEnumerable<string> Settings => ["--Meetings:CalendarFeedMaxEvents=4"];
}

/// <summary>
/// The .ics feed covers a bounded window of periods and, when more meetings match than it lists, keeps the
/// newest and says it was cut, in a header and in the calendar's description.
/// </summary>
public class MeetingCalendarFeedTests(SmallFeedHostFixture host) : IClassFixture<SmallFeedHostFixture>
{
    const string Feed = "/api/meetings/calendar.ics?orgUnitCode=FD-C1";

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_feed_over_its_cap_keeps_the_newest_meetings_of_its_window_and_says_it_was_cut()
    {
        var admin = await MonthlyMeetingsUntilAprilNextYearAsync();

        // today 2027-04-10: the window runs from 2026-04-10 to 2029-04-10, twelve monthly periods, four listed
        var feed = await admin.GetAsync(Feed);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("2026-04-10/2029-04-10", Header(feed, "X-Feed-Window"));
        Assert.Equal("4", Header(feed, "X-Feed-Truncated"));
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Equal(["2027年1月", "2027年2月", "2027年3月", "2027年4月"], Periods(calendar));
        Assert.Contains("仅列出最近的4项", calendar.Properties["X-WR-CALDESC"]!.Value!.ToString());

        // a year with no more meetings than the cap is whole, and says nothing of a cut
        var year = await admin.GetAsync(Feed + "&year=2027");
        Assert.Equal("2027-01-01/2027-12-31", Header(year, "X-Feed-Window"));
        Assert.False(year.Headers.Contains("X-Feed-Truncated"));
        Assert.Equal(["2027年1月", "2027年2月", "2027年3月", "2027年4月"], Periods(Ical.Net.Calendar.Load(await year.Content.ReadAsStringAsync())!));

        // a past year over the cap keeps its last months
        var past = await admin.GetAsync(Feed + "&year=2026");
        Assert.Equal("4", Header(past, "X-Feed-Truncated"));
        Assert.Equal(["2026年9月", "2026年10月", "2026年11月", "2026年12月"], Periods(Ical.Net.Calendar.Load(await past.Content.ReadAsStringAsync())!));

        // the JSON list still has every period since the cadence began: the window bounds the feed only
        Assert.Equal(16, (await admin.GetFromJsonAsync<List<object>>("/api/meetings?orgUnitCode=FD-C1"))!.Count);
    }

    static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    static List<string> Periods(Ical.Net.Calendar calendar) =>
        calendar.Events.OrderBy(e => e.Start!.Value).Select(e => e.Summary!.Split("社区")[1].Split("测试")[0]).ToList();

    async Task<HttpClient> MonthlyMeetingsUntilAprilNextYearAsync()
    {
        var admin = await host.ClientAsync();
        var import = await admin.PostAsync("/api/org-units/import", Json("""
            [{"code":"FD","name":"测试市","kind":"City"},
             {"code":"FD-D","name":"测试区","kind":"District","parentCode":"FD"},
             {"code":"FD-S","name":"测试街道","kind":"Street","parentCode":"FD-D"},
             {"code":"FD-C1","name":"一号社区","kind":"Community","parentCode":"FD-S"}]
            """));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var cadence = await admin.PutAsync("/api/meeting-cadences/fd-monthly", Json("""
            {"name":"测试月例会","appliesTo":"Community","cron":"0 9 1 * *","timeZone":"Asia/Shanghai","scopeCode":"FD-D"}
            """));
        Assert.True(cadence.IsSuccessStatusCode, await cadence.Content.ReadAsStringAsync());
        var advance = await admin.PostAsJsonAsync("/api/admin/clock/advance", new { to = "2027-04-10T10:00:00+08:00" });
        Assert.True(advance.IsSuccessStatusCode, await advance.Content.ReadAsStringAsync());
        return admin;
    }
}
