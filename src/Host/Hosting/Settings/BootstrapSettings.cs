namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Bootstrap:*</c>: the first administrator of an empty database.</summary>
sealed class BootstrapSettings : ISettings
{
    public static string Section => "Bootstrap";

    /// <summary>On a database without users, creates <c>admin</c> (SystemAdmin) with this password; empty: nobody.</summary>
    [Secret]
    public string AdminPassword { get; set; } = "";

    public IEnumerable<string> Problems() => [];
}
