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
