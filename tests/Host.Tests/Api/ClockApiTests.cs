using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class ClockApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_time_written_without_an_offset_is_china_time_and_instants_come_back_in_china_time()
    {
        var admin = await host.ClientAsync();
        var to = host.Clock.GetUtcNow().AddDays(3);
        var written = to.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss");

        var response = await admin.PostAsJsonAsync("/api/admin/clock/advance", new { to = written });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(to.ToUnixTimeSeconds(), host.Clock.GetUtcNow().ToUnixTimeSeconds());
        var now = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/clock")).GetProperty("now").GetString()!;
        Assert.EndsWith("+08:00", now);
    }

    /// <summary>The body check and the reader agree on what an instant is: what the reader cannot take is 422, never 400 or 500.</summary>
    [Theory]
    [InlineData("0001-01-01T00:00:00")] // China time, which lies before the first instant in UTC
    [InlineData("06/30/2027")]
    [InlineData("Sat, 02 Jan 2027 11:00:00 GMT")]
    [InlineData("9999-12-31T23:59:59-08:00")]
    public async Task An_instant_the_reader_cannot_take_is_422_naming_it_and_the_clock_stays(string to)
    {
        var admin = await host.ClientAsync();
        var before = host.Clock.GetUtcNow();

        var response = await admin.PostAsJsonAsync("/api/admin/clock/advance", new { to });

        Assert.Equal(["/to"], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(before, host.Clock.GetUtcNow());
    }
}
