using Npgsql;

namespace CommunityWorkflows.Host.Cli;

/// <summary>A throwaway database beside the configured one, for the simulate and bench verbs.</summary>
static class ScratchDatabase
{
    public static async Task<string> RecreateAsync(string connectionString, string suffix, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        target.Database = $"{target.Database}_{suffix}";
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{target.Database}\" with (force)", connection))
            await drop.ExecuteNonQueryAsync(ct);
        await using (var create = new NpgsqlCommand($"create database \"{target.Database}\" encoding 'UTF8'", connection))
            await create.ExecuteNonQueryAsync(ct);
        return target.ConnectionString;
    }
}
