using CommunityWorkflows.EmbeddedPostgres;
using CommunityWorkflows.Workflows;
using CommunityWorkflows.Workflows.Store;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunityWorkflows.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test process (temp directory, free port, fsync off), started by
/// the same launcher the host uses, and removed when the process exits. Each test class gets a fresh
/// database cloned from a template that was migrated once.
/// </summary>
public static class TestCluster
{
    /// <summary>Hangfire's schema, as the host names it (HostApp.JobStorageSchema; Host.Tests checks they agree).</summary>
    public const string JobStorageSchema = "hangfire";
    const string Template = "cw_template";
    static readonly SemaphoreSlim Gate = new(1, 1);
    static EmbeddedCluster? cluster;

    /// <summary>A new, fully migrated database of its own (with Hangfire's schema too).</summary>
    public static Task<string> CreateDatabaseAsync() => CreateAsync("t_", $"template {Template}");

    /// <summary>A database with nothing in it, for testing migrations from empty.</summary>
    public static Task<string> CreateEmptyDatabaseAsync() => CreateAsync("e_", "");

    static async Task<string> CreateAsync(string prefix, string clause)
    {
        var running = await StartAsync();
        var name = prefix + Guid.NewGuid().ToString("N")[..16];
        await using var admin = new NpgsqlConnection(running.ConnectionString("postgres") + ";Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name} {clause}", admin);
        await create.ExecuteNonQueryAsync();
        return running.ConnectionString(name);
    }

    static async Task<EmbeddedCluster> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (cluster is not null) return cluster;
            var directory = Path.Combine(Path.GetTempPath(), "cw-test-" + Guid.NewGuid().ToString("N")[..8]);
            var started = await EmbeddedCluster.StartAsync(directory, throwaway: true, NullLogger.Instance, CancellationToken.None);
            await PrepareTemplateAsync(started.ConnectionString(Template) + ";Pooling=false");
            return cluster = started;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The engine's migrator for <paramref name="connectionString"/>, with the shipped content its capabilities register.</summary>
    public static Migrator MigratorFor(string connectionString) =>
        new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddCommunityWorkflows(o => o.ConnectionString = connectionString)
            .BuildServiceProvider()
            .GetRequiredService<Migrator>();

    static async Task PrepareTemplateAsync(string connectionString)
    {
        await MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            PostgreSqlObjectsInstaller.Install(connection, JobStorageSchema);
        }
        // no connections to the template from now on (autovacuum's included), or cloning it fails with "being accessed by other users"
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var seal = new NpgsqlCommand($"alter database {Template} with is_template true allow_connections false", admin);
        await seal.ExecuteNonQueryAsync();
    }
}
