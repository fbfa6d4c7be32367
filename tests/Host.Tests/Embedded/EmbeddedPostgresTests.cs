using System.Diagnostics;
using CommunityWorkflows.Host.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Embedded;

public sealed class EmbeddedPostgresTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "cw-embedded-" + Guid.NewGuid().ToString("N")[..8]);

    Task<EmbeddedPostgres> StartAsync() => EmbeddedPostgres.StartAsync(directory, throwaway: false, NullLogger.Instance, CancellationToken.None);

    static async Task<object?> ScalarAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_second_process_joins_the_running_cluster_and_only_the_starter_stops_it()
    {
        var owner = await StartAsync();
        await ScalarAsync(owner, "create table kept (v int); insert into kept values (42)");
        var joiner = await StartAsync();

        Assert.True(owner.StartedHere);
        Assert.False(joiner.StartedHere);
        Assert.Equal(owner.Port, joiner.Port);
        await joiner.DisposeAsync();
        Assert.Equal(42, await ScalarAsync(owner, "select v from kept"));

        await owner.DisposeAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(owner, "select 1"));
        var restarted = await StartAsync();
        Assert.True(restarted.StartedHere);
        Assert.Equal(42, await ScalarAsync(restarted, "select v from kept"));
        await restarted.DisposeAsync();
    }

    [Fact]
    public async Task A_crashed_server_leaves_a_stale_pid_file_that_the_next_start_recovers_from()
    {
        var crashed = await StartAsync();
        await ScalarAsync(crashed, "create table survived (v int); insert into survived values (7)");
        var pid = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First());
        Process.GetProcessById(pid).Kill();
        await WaitUntilGoneAsync(pid);
        Assert.True(File.Exists(Path.Combine(directory, "postmaster.pid")));

        var recovered = await StartAsync();
        Assert.True(recovered.StartedHere);
        Assert.Equal(7, await ScalarAsync(recovered, "select v from survived"));
        await recovered.DisposeAsync();
    }

    static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try { Process.GetProcessById(pid); }
            catch (ArgumentException) { return; }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Process {pid} did not exit.");
    }

    [Fact]
    public async Task Missing_server_binaries_say_what_to_install()
    {
        var error = await Assert.ThrowsAsync<PostgresNotInstalledException>(() =>
            EmbeddedPostgres.StartAsync(directory, false, NullLogger.Instance, CancellationToken.None, binDirectory: "/nonexistent"));
        Assert.Contains("apt-get install -y postgresql", error.Message);
        Assert.False(Directory.Exists(directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
