using CommunityWorkflows.Host.Demo;
using CommunityWorkflows.Testing;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

public class DemoSeedConcurrencyTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Two_seedings_at_once_both_finish_and_load_the_city_once()
    {
        var outputs = new[] { new StringWriter(), new StringWriter() };
        await Task.WhenAll(outputs.Select(o => Task.Run(() => DemoSeeder.SeedAsync(host.App.Services, o, CancellationToken.None))));

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        Assert.Equal(46, await connection.ExecuteScalarAsync<int>("select count(*) from app_user where username <> 'admin'"));
        Assert.Equal(51, await connection.ExecuteScalarAsync<int>("select count(*) from org_unit where path like '/JC/%'"));
        var again = new StringWriter();
        await DemoSeeder.SeedAsync(host.App.Services, again, CancellationToken.None);
        Assert.Contains("already loaded", again.ToString());
    }
}
