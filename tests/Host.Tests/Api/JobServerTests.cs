using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Jobs;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

[Collection(Tools.HangfireServerCollection.Name)]
public class JobServerTests
{
    static async Task<WebApplication> StartHostAsync(string connectionString)
    {
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=true", "--Hangfire:WorkerCount=1", "--Logging:LogLevel:Default=Warning"]);
        var app = HostApp.Build(builder, connectionString);
        await HostApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public void The_test_cluster_installs_hangfire_in_the_schema_the_host_uses() =>
        Assert.Equal(HostApp.JobStorageSchema, TestCluster.JobStorageSchema);

    [Fact]
    public async Task Two_hosts_on_one_database_are_two_hangfire_servers_sharing_one_schedule()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var first = await StartHostAsync(connectionString);
        await using var second = await StartHostAsync(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var servers = 0;
        while (servers < 2 && DateTime.UtcNow < deadline)
        {
            servers = await connection.ExecuteScalarAsync<int>("select count(*) from hangfire.server");
            if (servers < 2) await Task.Delay(100);
        }
        Assert.Equal(2, servers);

        var recurring = first.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs();
        var housekeeping = Assert.Single(recurring, j => j.Id == Housekeeping.JobId);
        Assert.Equal("Asia/Shanghai", housekeeping.TimeZoneId);
        Assert.Equal(3, TimeZoneInfo.ConvertTime(housekeeping.NextExecution!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Hour);
        var dispatch = Assert.Single(recurring, j => j.Id == TimerJobs.JobId);
        Assert.Equal("* * * * *", dispatch.Cron);
        await first.StopAsync();
        await second.StopAsync();
    }
}
