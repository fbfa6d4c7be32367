using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class CalendarFeedLinkTests(HostFixture host) : IClassFixture<HostFixture>
{
    async Task<string> LinkAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/me/calendar-feed", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    [Fact]
    public async Task A_calendar_app_reads_the_feed_with_its_link_and_nothing_else()
    {
        var admin = await host.ClientAsync();
        var link = await LinkAsync(admin);
        var app = host.Anonymous();

        var feed = await app.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync());

        var secret = new Uri(link).Query.Split("feed=")[1];
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync($"/api/me?feed={secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/meetings/calendar.ics?feed=made-up")).StatusCode);

        var renewed = await LinkAsync(admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync(renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/me/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync(renewed)).StatusCode);
    }

    [Fact]
    public async Task Without_a_public_address_meeting_uids_still_ignore_the_host_the_request_names()
    {
        var admin = await host.ClientAsync();
        await MeetingUids.StreetWithMeetingsAsync(admin, "NPU");

        var local = await MeetingUids.ReadAsync(admin, "localhost");
        var forged = await MeetingUids.ReadAsync(admin, "evil.example");

        Assert.NotEmpty(local);
        Assert.Equal(local, forged);
        Assert.All(local, uid => Assert.Matches(@"^meeting-\d+@communityworkflows$", uid));
    }
}

/// <summary>A host that knows the address people reach it at.</summary>
public sealed class PublicUrlHostFixture : HostFixture
{
    protected override IEnumerable<string> Settings => ["--Hosting:PublicUrl=https://djzz.example.gov.cn/"];
}

public class PublicCalendarFeedLinkTests(PublicUrlHostFixture host) : IClassFixture<PublicUrlHostFixture>
{
    [Fact]
    public async Task The_link_is_built_on_the_configured_public_address_whatever_host_the_request_names()
    {
        var admin = await host.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/calendar-feed");
        request.Headers.Host = "evil.example";
        var response = await admin.SendAsync(request);

        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.StartsWith("https://djzz.example.gov.cn/api/meetings/calendar.ics?feed=", url);
    }
}

public class PublicCalendarFeedUidTests(PublicUrlHostFixture host) : IClassFixture<PublicUrlHostFixture>
{
    [Fact]
    public async Task Meeting_uids_carry_the_configured_public_host_whatever_host_the_request_names()
    {
        var admin = await host.ClientAsync();
        await MeetingUids.StreetWithMeetingsAsync(admin, "UID");

        var ours = await MeetingUids.ReadAsync(admin, "djzz.example.gov.cn");
        var forged = await MeetingUids.ReadAsync(admin, "evil.example");

        Assert.NotEmpty(ours);
        Assert.Equal(ours, forged);
        Assert.All(ours, uid => Assert.Matches(@"^meeting-\d+@djzz\.example\.gov\.cn$", uid));
    }
}

/// <summary>The UIDs of the calendar feed as read with a Host header of the client's choosing.</summary>
static class MeetingUids
{
    /// <summary>A District and a Street: the shipped cadences open their meetings once the clock moves.</summary>
    public static async Task StreetWithMeetingsAsync(HttpClient admin, string prefix)
    {
        await admin.PostAsync("/api/org-units/import", new StringContent($$"""
            [{"code":"{{prefix}}-D","name":"标识区","kind":"District"},
             {"code":"{{prefix}}-S","name":"标识街道","kind":"Street","parentCode":"{{prefix}}-D"}]
            """, System.Text.Encoding.UTF8, "application/json")).JsonAsync();
        await admin.AdvanceClockAsync("2026-01-05T10:00:00+08:00");
    }

    public static async Task<List<string>> ReadAsync(HttpClient client, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/meetings/calendar.ics");
        request.Headers.Host = hostHeader;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        return calendar.Events.Select(e => e.Uid!).Order(StringComparer.Ordinal).ToList();
    }
}
