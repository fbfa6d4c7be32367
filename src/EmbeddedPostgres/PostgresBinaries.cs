namespace CommunityWorkflows.EmbeddedPostgres;

/// <summary>Where the PostgreSQL server programs live: on PATH, or under /usr/lib/postgresql/&lt;version&gt;/bin (newest first).</summary>
sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin: install them (Debian/Ubuntu: apt-get install -y postgresql) or set Embedded:BinDir to their folder, or ConnectionStrings:Main to an existing server.";

    /// <summary>The programs in <paramref name="binDirectory"/> when given, else the first place that has them.</summary>
    public static PostgresBinaries? Find(string? binDirectory = null)
    {
        foreach (var dir in binDirectory is { Length: > 0 } ? [binDirectory] : Candidates())
        {
            var initdb = Path.Combine(dir, "initdb");
            var pgctl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgctl))
                return new PostgresBinaries(initdb, pgctl);
        }
        return null;
    }

    static IEnumerable<string> Candidates()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) yield break;
        foreach (var version in Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            yield return Path.Combine(version, "bin");
    }
}
