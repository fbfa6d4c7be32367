using System.Diagnostics;
using CommunityWorkflows.EmbeddedPostgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Embedded;

public sealed class EmbeddedPostgresTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "cw-embedded-" + Guid.NewGuid().ToString("N")[..8]);

    Task<EmbeddedCluster> StartAsync() => EmbeddedCluster.StartAsync(directory, throwaway: false, NullLogger.Instance, CancellationToken.None);

    static async Task<object?> ScalarAsync(EmbeddedCluster cluster, string sql)
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

    /// <summary>The attack of the security review: any local account, with no password, as postgres.</summary>
    [Fact]
    public async Task Another_account_on_the_machine_is_refused_without_the_cluster_s_password()
    {
        var cluster = await StartAsync();
        try
        {
            var port = cluster.Port;
            var noPassword = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(noPassword));
            var wrong = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(noPassword + ";Password=guess"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);
            Assert.Equal(1, await ScalarAsync(cluster, "select 1"));

            if (Environment.IsPrivilegedProcess && FindPsql() is { } psql)
            {
                // as the review did it: the unprivileged account nobody, psql, no password
                var attempt = await ExternalProcess.RunAsync("runuser", ["-u", "nobody", "--", psql, "-w", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-c", "select 1"], CancellationToken.None);
                Assert.NotEqual(0, attempt.ExitCode);
                Assert.Contains("password", attempt.Printed, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_password_is_the_server_user_s_alone_and_the_server_has_no_socket_and_listens_on_loopback()
    {
        var cluster = await StartAsync();
        try
        {
            var file = Path.Combine(directory, EmbeddedCluster.PasswordFile);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            if (Environment.IsPrivilegedProcess)
                Assert.Equal("postgres", (await ExternalProcess.RunAsync("stat", ["-c", "%U", file], CancellationToken.None)).Output.Trim());
            Assert.False(File.Exists($"/tmp/.s.PGSQL.{cluster.Port}"));
            Assert.Equal("", await ScalarAsync(cluster, "show unix_socket_directories"));
            Assert.Equal("127.0.0.1", await ScalarAsync(cluster, "show listen_addresses"));
            Assert.DoesNotContain("trust", string.Join('\n', File.ReadLines(Path.Combine(directory, "pg_hba.conf")).Where(l => !l.TrimStart().StartsWith('#'))));
            Assert.False(File.Exists(directory + ".initdb-password"));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cluster_made_when_it_trusted_local_accounts_is_upgraded_on_start_and_keeps_its_data()
    {
        var binaries = PostgresBinaries.Find()!;
        var asPostgres = Environment.IsPrivilegedProcess;
        Task<ExternalProcess.Result> Run(string program, params string[] args) => asPostgres
            ? ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], CancellationToken.None)
            : ExternalProcess.RunAsync(program, args, CancellationToken.None);
        // the cluster as earlier versions made it: trust, a socket in /tmp
        Directory.CreateDirectory(directory);
        if (asPostgres) await ExternalProcess.RunAsync("chown", ["postgres:postgres", directory], CancellationToken.None);
        Assert.Equal(0, (await Run(binaries.InitDb, "-D", directory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")).ExitCode);
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var oldPort = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        Assert.Equal(0, (await Run(binaries.PgCtl, "-D", directory, "-o", $"-p {oldPort} -k /tmp -c listen_addresses=127.0.0.1", "-l", Path.Combine(directory, "log"), "-w", "start")).ExitCode);
        var trusting = $"Host=127.0.0.1;Port={oldPort};Username=postgres;Database=postgres;Pooling=false";
        await using (var connection = await OpenAsync(trusting))
        await using (var create = new NpgsqlCommand("create table kept (v int); insert into kept values (15)", connection))
            await create.ExecuteNonQueryAsync();
        Assert.Equal(0, (await Run(binaries.PgCtl, "-D", directory, "-m", "fast", "-w", "stop")).ExitCode);

        var upgraded = await StartAsync();
        try
        {
            Assert.True(File.Exists(Path.Combine(directory, EmbeddedCluster.PasswordFile)));
            Assert.Equal(15, await ScalarAsync(upgraded, "select v from kept"));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(trusting.Replace($"Port={oldPort}", $"Port={upgraded.Port}", StringComparison.Ordinal)));
        }
        finally
        {
            await upgraded.DisposeAsync();
        }

        var again = await StartAsync();
        Assert.Equal(15, await ScalarAsync(again, "select v from kept"));
        await again.DisposeAsync();
    }

    static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    static string? FindPsql() =>
        new[] { "/usr/bin/psql" }.Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")) : [])
            .FirstOrDefault(File.Exists);

    [Fact]
    public async Task Missing_server_binaries_say_what_to_install()
    {
        var error = await Assert.ThrowsAsync<PostgresNotInstalledException>(() =>
            EmbeddedCluster.StartAsync(directory, false, NullLogger.Instance, CancellationToken.None, binDirectory: "/nonexistent"));
        Assert.Contains("apt-get install -y postgresql", error.Message);
        Assert.False(Directory.Exists(directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
