using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Store;

public class MigrationTests
{
    static Migrator MigratorFor(string connectionString) =>
        new(new CommunityWorkflowsOptions { ConnectionString = connectionString }, NullLogger<Migrator>.Instance);

    [Fact]
    public async Task An_empty_database_is_migrated_to_the_full_schema_and_a_second_run_applies_nothing()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        var first = await MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        var second = await MigratorFor(connectionString).MigrateAsync(CancellationToken.None);

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        await using var connection = new NpgsqlConnection(connectionString);
        var tables = (await connection.QueryAsync<string>("select table_name from information_schema.tables where table_schema = 'public'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "app_user", "org_unit", "user_role", "access_token", "journal_entry", "journal_stream", "schemaversions" }, tables);
    }

    [Fact]
    public async Task Hosts_migrating_at_the_same_moment_take_turns()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => MigratorFor(connectionString).MigrateAsync(CancellationToken.None))));

        Assert.Equal(1, applied.Count(a => a > 0));
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(applied.Sum(), await connection.ExecuteScalarAsync<int>("select count(*) from schemaversions"));
    }

    [Fact]
    public async Task A_missing_database_is_created()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestCluster.CreateEmptyDatabaseAsync()) { Database = "fresh_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        await MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from org_unit"));
    }
}
