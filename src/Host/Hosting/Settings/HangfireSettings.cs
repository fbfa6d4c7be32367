namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Hangfire:*</c>: whether this process runs jobs and serves the dashboard.</summary>
sealed class HangfireSettings : ISettings
{
    public static string Section => "Hangfire";

    /// <summary>Off for tools and for tests that drive jobs by hand.</summary>
    public bool Server { get; set; } = true;

    /// <summary>Mapping /hangfire opens Hangfire's storage.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>0: Hangfire's default.</summary>
    public int WorkerCount { get; set; }

    public IEnumerable<string> Problems()
    {
        if (WorkerCount is < 0 or > 1000) yield return "Hangfire:WorkerCount must be between 0 (Hangfire's default) and 1000.";
    }
}
