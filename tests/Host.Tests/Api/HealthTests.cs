using System.Net;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

public class HealthTests
{
    [Fact]
    public async Task A_database_that_does_not_answer_is_a_503_that_tells_an_anonymous_caller_nothing_of_it()
    {
        var missing = new NpgsqlConnectionStringBuilder(await TestCluster.CreateEmptyDatabaseAsync()) { Database = "no_such_database_here" };
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=None"]);
        await using var app = HostApp.Build(builder, missing.ConnectionString);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var problem = await (await client.GetAsync("/health")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

            var text = problem.GetRawText();
            Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
            Assert.DoesNotContain("no_such_database_here", text);
            Assert.DoesNotContain(missing.Username!, text);
            Assert.DoesNotContain("3D000", text);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
