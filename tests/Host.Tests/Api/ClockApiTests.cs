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
}
