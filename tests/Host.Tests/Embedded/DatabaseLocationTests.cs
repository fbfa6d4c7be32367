using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Embedded;

public sealed class DatabaseLocationTests
{
    [Fact]
    public async Task A_configured_database_that_does_not_exist_yet_is_created_before_the_host_is_built()
    {
        // Hangfire's storage, made while the host is built, would wait with retries for a missing database
        var existing = new NpgsqlConnectionStringBuilder(await TestCluster.CreateEmptyDatabaseAsync());
        var missing = new NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = "n_" + Guid.NewGuid().ToString("N")[..16] };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Main"] = missing.ConnectionString }).Build();

        await using var location = await DatabaseLocation.OpenAsync(configuration, NullLogger.Instance, CancellationToken.None);

        Assert.Null(location.Embedded);
        await using var connection = new NpgsqlConnection(location.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database()", connection);
        Assert.Equal(missing.Database, await command.ExecuteScalarAsync());
    }
}
