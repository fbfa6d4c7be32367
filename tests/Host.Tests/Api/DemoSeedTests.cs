using CommunityWorkflows.Testing.Host;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class DemoSeedTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_demo_city_loads_once_with_a_user_for_every_role_who_can_log_in()
    {
        var output = new StringWriter();
        await DemoSeeder.SeedAsync(host.App.Services, output, CancellationToken.None);
        var again = new StringWriter();
        await DemoSeeder.SeedAsync(host.App.Services, again, CancellationToken.None);

        var users = Regex.Matches(output.ToString(), @"^  (\S+)\s+(\S{12})  (\S+)", RegexOptions.Multiline);
        Assert.Equal(46, users.Count);
        Assert.Contains("already loaded", again.ToString());
        var roles = users.SelectMany(m => m.Groups[3].Value.Split(' ')).Select(r => r.Split('@')[0]).ToHashSet();
        Assert.Equal(new HashSet<string> { "SystemAdmin", "DistrictAdmin", "StreetOfficer", "CommunityOfficer", "Leader", "Inspector" }, roles);

        var demoAdmin = users.Single(m => m.Groups[1].Value == "demo.admin");
        var admin = await host.ClientAsync("demo.admin", demoAdmin.Groups[2].Value);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/org-units?kind=District")).GetArrayLength());
        Assert.Equal(6, (await admin.GetFromJsonAsync<JsonElement>("/api/org-units?kind=Street")).GetArrayLength());
        Assert.Equal(30, (await admin.GetFromJsonAsync<JsonElement>("/api/org-units?kind=Community")).GetArrayLength());
        Assert.Equal(12, (await admin.GetFromJsonAsync<JsonElement>("/api/org-units?kind=SeatedUnit")).GetArrayLength());
        var street = await admin.GetFromJsonAsync<JsonElement>("/api/org-units/JC-DH-LW");
        Assert.Equal("lw.secretary", street.GetProperty("secretary").GetProperty("username").GetString());
        Assert.Equal("DirectResponsible", street.GetProperty("secretary").GetProperty("responsibility").GetString());

        var officer = users.Single(m => m.Groups[1].Value == "lw.secretary");
        var streetClient = await host.ClientAsync("lw.secretary", officer.Groups[2].Value);
        Assert.Equal(5, (await streetClient.GetFromJsonAsync<JsonElement>("/api/org-units?kind=Community")).GetArrayLength());
    }
}
