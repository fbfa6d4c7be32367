namespace CommunityWorkflows.Workflows.Journal;

/// <summary>The names of the journal's streams; each is chained on its own.</summary>
public static class JournalStreams
{
    public const string Organisation = "org";
    public const string Accounts = "accounts";
    public const string Calendar = "calendar";

    public static string Cycle(long cycleId) => $"cycle:{cycleId}";

    public static string Template(string key) => $"template:{key}";

    /// <summary>A meeting cadence's stream: its changes and the occurrences it opened (each obligation has its own, below).</summary>
    public static string Meetings(string cadenceKey) => $"meetings:{cadenceKey}";

    /// <summary>One meeting obligation's stream: opened, reminded, overdue, escalated, evidence, recorded.</summary>
    public static string Meeting(long meetingId) => $"meeting:{meetingId}";

    public static string LiaisonPoint(long pointId) => $"liaison:{pointId}";
}
