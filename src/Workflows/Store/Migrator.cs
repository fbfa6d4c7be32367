using DbUp;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Store;

/// <summary>
/// Brings the database schema up to date with the embedded <c>Store/Migrations/*.sql</c> scripts (DbUp).
/// Several hosts may start at once: a session-level advisory lock lets one migrate while the others wait.
/// </summary>
public sealed class Migrator(CommunityWorkflowsOptions options, IEnumerable<IShippedContent> shipped, ILogger<Migrator> logger)
{
    const long MigrationLockKey = 0x436f6d6d_57666c77; // "CommWflw"

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await EnsureDatabaseAsync(options.ConnectionString, ct);
        await using var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({MigrationLockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(ct);
        try
        {
            var engine = DeployChanges.To.PostgresqlDatabase(options.ConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains(".Store.Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(logger)
                .Build();
            var result = engine.PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
            var applied = result.Scripts.Count();
            // the capabilities' shipped content is installed once, under the same lock
            foreach (var content in shipped.OrderBy(c => c.Order))
                await content.InstallAsync(lockConnection, ct);
            logger.LogInformation("Database schema is current ({Applied} scripts applied now)", applied);
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Creates the database named in the connection string when the server does not have it yet.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct) is not null)
            return;
        try
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\" encoding 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // another host created it a moment ago
        }
    }
}
