using CommunityWorkflows.Testing.Host;
using CommunityWorkflows.Host.Tools.Demo;
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

    [Fact]
    public async Task A_seeding_cut_short_after_the_people_is_finished_by_the_next()
    {
        await DemoSeeder.SeedAsync(host.App.Services, new StringWriter(), CancellationToken.None);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var points = await connection.ExecuteScalarAsync<int>("select count(*) from liaison_point");
        Assert.True(points > 0);
        // as if the run stopped before the liaison points
        await connection.ExecuteAsync("""
            delete from liaison_target_progress; delete from liaison_problem; delete from liaison_visit; delete from liaison_target;
            delete from liaison_work_group_member; delete from liaison_point;
            """);

        var again = new StringWriter();
        await DemoSeeder.SeedAsync(host.App.Services, again, CancellationToken.None);

        Assert.Contains("already loaded", again.ToString());
        Assert.Equal(points, await connection.ExecuteScalarAsync<int>("select count(*) from liaison_point"));
    }
}
