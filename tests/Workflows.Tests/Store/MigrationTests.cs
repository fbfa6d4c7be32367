using CommunityWorkflows.Testing;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Store;

public class MigrationTests
{
    [Fact]
    public async Task An_empty_database_is_migrated_to_the_full_schema_and_a_second_run_applies_nothing()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        var first = await TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        var second = await TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None);

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
        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None))));

        Assert.Equal(1, applied.Count(a => a > 0));
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(applied.Sum(), await connection.ExecuteScalarAsync<int>("select count(*) from schemaversions"));
    }

    [Fact]
    public async Task Data_protection_keys_stored_in_plain_text_before_are_removed_and_revocations_kept()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            insert into data_protection_key (friendly_name, xml) values
              ('key-plain', '<key id="1" version="1"><descriptor><descriptor><masterKey><value>c2VjcmV0</value></masterKey></descriptor></descriptor></key>'),
              ('key-sealed', '<key id="2" version="1"><descriptor><descriptor><encryptedSecret decryptorType="X"><keyRingSecret /></encryptedSecret></descriptor></descriptor></key>'),
              ('revocation', '<revocation version="1"><revocationDate>2026-01-01T00:00:00Z</revocationDate><key id="*" /></revocation>');
            delete from schemaversions where scriptname like '%0017_data_protection_key_encrypted.sql';
            """);

        Assert.Equal(1, await TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None));

        Assert.Equal(["key-sealed", "revocation"], await connection.QueryAsync<string>("select friendly_name from data_protection_key order by friendly_name"));
    }

    [Fact]
    public async Task A_missing_database_is_created()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestCluster.CreateEmptyDatabaseAsync()) { Database = "fresh_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        await TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from org_unit"));
    }
}
