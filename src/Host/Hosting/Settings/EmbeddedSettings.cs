namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Embedded:*</c>: the private cluster the host runs when <c>ConnectionStrings:Main</c> is empty.</summary>
sealed class EmbeddedSettings : ISettings
{
    public static string Section => "Embedded";

    public string DataDir { get; set; } = ".data/pg";

    public string Database { get; set; } = "communityworkflows";

    /// <summary>The folder of initdb and pg_ctl; empty: PATH, then /usr/lib/postgresql/*/bin.</summary>
    public string BinDir { get; set; } = "";

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) yield return "Embedded:DataDir must not be empty.";
        if (string.IsNullOrWhiteSpace(Database)) yield return "Embedded:Database must not be empty.";
    }
}
