namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>ConnectionStrings:*</c>: the database, when it is not the embedded cluster.</summary>
sealed class ConnectionStringsSettings : ISettings
{
    public static string Section => "ConnectionStrings";

    /// <summary>An existing PostgreSQL database; empty: the embedded cluster.</summary>
    [Secret]
    public string Main { get; set; } = "";

    public IEnumerable<string> Problems() => [];
}
