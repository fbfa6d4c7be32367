using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.EmbeddedPostgres;

/// <summary>
/// A private PostgreSQL cluster in a data directory: created with initdb on first use, started with
/// pg_ctl on a free loopback port, stopped again by the process that started it. A process that finds
/// the cluster already running (postmaster.pid) connects to it and leaves it running. As root the
/// server runs as the <c>postgres</c> system user, because initdb and pg_ctl refuse root.
/// Nobody else on the machine gets in: every connection proves a random password (scram-sha-256) kept in the
/// data directory (<see cref="PasswordFile"/>, mode 0600, the server's user's), the server listens on loopback
/// only and has no Unix socket; a cluster made before this (trust, socket in /tmp) is upgraded on start.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    readonly PostgresBinaries binaries;
    readonly string dataDirectory;
    readonly bool throwaway;
    readonly bool asPostgresUser = Environment.IsPrivilegedProcess;
    readonly ILogger logger;

    EmbeddedCluster(PostgresBinaries binaries, string dataDirectory, bool throwaway, ILogger logger) =>
        (this.binaries, this.dataDirectory, this.throwaway, this.logger) = (binaries, dataDirectory, throwaway, logger);

    /// <summary>The file in the data directory that keeps the <c>postgres</c> role's password.</summary>
    public const string PasswordFile = "communityworkflows.password";

    public int Port { get; private set; }

    string password = "";

    /// <summary>Whether this process started the server (and so stops it on dispose).</summary>
    public bool StartedHere { get; private set; }

    public string DataDirectory => dataDirectory;

    /// <summary>
    /// Starts (or joins) the cluster in <paramref name="dataDirectory"/>. A throwaway cluster runs without
    /// fsync and is deleted on dispose: for tests.
    /// </summary>
    public static async Task<EmbeddedCluster> StartAsync(string dataDirectory, bool throwaway, ILogger logger, CancellationToken ct, string? binDirectory = null)
    {
        var binaries = PostgresBinaries.Find(binDirectory) ?? throw new PostgresNotInstalledException();
        var cluster = new EmbeddedCluster(binaries, Path.GetFullPath(dataDirectory), throwaway, logger);
        if (cluster.asPostgresUser && (await ExternalProcess.RunAsync("id", ["-u", "postgres"], ct)).ExitCode != 0)
            throw new InvalidOperationException("Running as root, the embedded PostgreSQL runs as the 'postgres' system user, which does not exist: create it (useradd --system postgres) or install the postgresql package.");
        await cluster.InitialiseAsync(ct);
        await cluster.StartOrJoinAsync(ct);
        await cluster.SecureAsync(ct);
        if (throwaway && cluster.StartedHere)
            cluster.StartReaper();
        return cluster;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = password,
        Database = database,
        MaxPoolSize = 50,
    }.ConnectionString;

    async Task InitialiseAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION"))) return;
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            throw new InvalidOperationException($"{dataDirectory} is not empty but holds no PostgreSQL cluster; move it away or set Embedded:DataDir elsewhere.");
        Directory.CreateDirectory(dataDirectory);
        if (asPostgresUser)
            await CheckedAsync(ExternalProcess.RunAsync("chown", ["postgres:postgres", dataDirectory], ct), "chown of the data directory");
        logger.LogInformation("Creating the embedded PostgreSQL cluster in {DataDirectory}", dataDirectory);
        var secret = NewPassword();
        // initdb wants an empty directory: the password goes in through a private file beside it, then into the cluster
        var passwordInput = dataDirectory.TrimEnd('/') + ".initdb-password";
        await WritePrivateAsync(passwordInput, secret, ct);
        try
        {
            List<string> args = ["-D", dataDirectory, "-U", "postgres", "--auth=scram-sha-256", "--pwfile", passwordInput, "-E", "UTF8", "--locale=C.UTF-8"];
            if (throwaway) args.Add("--no-sync");
            await CheckedAsync(RunAsync(binaries.InitDb, args, ct), "initdb");
        }
        finally
        {
            File.Delete(passwordInput);
        }
        await WritePrivateAsync(Path.Combine(dataDirectory, PasswordFile), secret, ct);
    }

    static string NewPassword() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    /// <summary>Writes a file only the server's user may read (0600, owned by it).</summary>
    async Task WritePrivateAsync(string path, string text, CancellationToken ct)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerOnly;
        await using (var file = new FileStream(path, options))
        await using (var writer = new StreamWriter(file))
            await writer.WriteAsync(text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, ownerOnly);
        if (asPostgresUser)
            await CheckedAsync(ExternalProcess.RunAsync("chown", ["postgres:postgres", path], ct), $"chown of {Path.GetFileName(path)}");
    }

    /// <summary>
    /// Reads the password, or upgrades a cluster created before passwords: while it still trusts local
    /// connections, give <c>postgres</c> a random password, keep it in <see cref="PasswordFile"/>, require it of
    /// every connection (pg_hba.conf) and reload.
    /// </summary>
    async Task SecureAsync(CancellationToken ct)
    {
        var file = Path.Combine(dataDirectory, PasswordFile);
        if (File.Exists(file))
        {
            password = (await File.ReadAllTextAsync(file, ct)).Trim();
            return;
        }
        logger.LogWarning("The embedded PostgreSQL in {DataDirectory} trusts every local account: setting a password and requiring it", dataDirectory);
        var secret = NewPassword();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync(ct);
            // the password is a literal: ALTER ROLE takes no parameters; it is hex, so it needs no quoting
            await using (var alter = new NpgsqlCommand($"alter role postgres with password '{secret}'", connection))
                await alter.ExecuteNonQueryAsync(ct);
            await WritePrivateAsync(file, secret, ct);
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), HostBasedAuthentication, ct);
            await using var reload = new NpgsqlCommand("select pg_reload_conf()", connection);
            await reload.ExecuteScalarAsync(ct);
        }
        password = secret;
    }

    /// <summary>Every connection, local or over loopback, proves the password; nothing else is let in.</summary>
    const string HostBasedAuthentication = """
        # CommunityWorkflows: every connection proves the password kept in communityworkflows.password
        # TYPE  DATABASE        USER            ADDRESS                 METHOD
        local   all             all                                     scram-sha-256
        host    all             all             127.0.0.1/32            scram-sha-256
        host    all             all             ::1/128                 scram-sha-256
        local   replication     all                                     scram-sha-256
        host    replication     all             127.0.0.1/32            scram-sha-256
        host    replication     all             ::1/128                 scram-sha-256

        """;

    async Task StartOrJoinAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await RunningPortAsync(ct) is { } running)
            {
                Port = running;
                logger.LogInformation("Joined the embedded PostgreSQL already running on port {Port}", Port);
                return;
            }
            var port = FreeLoopbackPort();
            var result = await RunAsync(binaries.PgCtl, ["-D", dataDirectory, "-o", ServerOptions(port), "-l", Path.Combine(dataDirectory, "log"), "-w", "-t", "60", "start"], ct);
            if (result.ExitCode == 0)
            {
                (Port, StartedHere) = (port, true);
                logger.LogInformation("Started the embedded PostgreSQL on 127.0.0.1:{Port} ({DataDirectory})", Port, dataDirectory);
                return;
            }
            if (attempt == 3)
                throw new InvalidOperationException($"pg_ctl could not start the embedded PostgreSQL: {result.Printed}\n{LogTail()}");
            // another process may have started it meanwhile, or the port was taken: look again, then retry
            logger.LogWarning("Starting the embedded PostgreSQL failed (attempt {Attempt}): {Output}", attempt, result.Printed);
        }
    }

    string ServerOptions(int port)
    {
        // no Unix socket (nothing in /tmp for other accounts to find), loopback only
        var options = $"-p {port} -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c max_connections=300";
        return throwaway ? options + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : options;
    }

    /// <summary>The port of a server running on this data directory, or null. A stale postmaster.pid counts as not running.</summary>
    async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var status = await RunAsync(binaries.PgCtl, ["-D", dataDirectory, "status"], ct);
        if (status.ExitCode != 0) return null;
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    string LogTail()
    {
        var log = Path.Combine(dataDirectory, "log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "";
    }

    Task<ExternalProcess.Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct) =>
        asPostgresUser
            ? ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], ct)
            : ExternalProcess.RunAsync(program, args, ct);

    static async Task CheckedAsync(Task<ExternalProcess.Result> run, string what)
    {
        var result = await run;
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Printed}");
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server if this process started it (and removes a throwaway cluster); blocking, so it also works at process exit.</summary>
    public void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        if (StartedHere)
        {
            // a throwaway cluster has nothing worth a shutdown checkpoint
            var mode = throwaway ? "immediate" : "fast";
            var stop = Run(binaries.PgCtl, ["-D", dataDirectory, "-m", mode, "-w", "-t", "60", "stop"]);
            StartedHere = false;
            if (stop.ExitCode == 0) logger.LogInformation("Stopped the embedded PostgreSQL on port {Port}", Port);
            else logger.LogWarning("pg_ctl stop failed: {Output}", stop.Printed);
        }
        if (throwaway && Directory.Exists(dataDirectory))
        {
            try { Directory.Delete(dataDirectory, recursive: true); }
            catch (IOException e) { logger.LogWarning("Could not remove {DataDirectory}: {Message}", dataDirectory, e.Message); }
        }
    }

    /// <summary>
    /// A throwaway cluster must not outlive its process, however that process ends (a test run killed,
    /// a crash): a detached shell waits for this process to go, then stops the server and deletes it.
    /// </summary>
    void StartReaper()
    {
        var stop = asPostgresUser ? $"runuser -u postgres -- '{binaries.PgCtl}'" : $"'{binaries.PgCtl}'";
        var script = $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
                     $"{stop} -D '{dataDirectory}' -m immediate stop; rm -rf '{dataDirectory}'";
        var start = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "sh", "-c", script }) start.ArgumentList.Add(a);
        System.Diagnostics.Process.Start(start)?.Dispose();
    }

    ExternalProcess.Result Run(string program, IEnumerable<string> args) =>
        asPostgresUser
            ? ExternalProcess.Run("runuser", ["-u", "postgres", "--", program, .. args], TimeSpan.FromSeconds(90))
            : ExternalProcess.Run(program, args, TimeSpan.FromSeconds(90));
}
