namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Limits:*</c>: request sizes in bytes (413 beyond).</summary>
sealed class LimitsSettings : ISettings
{
    public static string Section => "Limits";

    /// <summary>Every body but imports and uploads.</summary>
    public long MaxRequestBytes { get; set; } = 1L << 20;

    public long MaxImportBytes { get; set; } = 64L << 20;

    public long MaxEvidenceBytes { get; set; } = 20L << 20;

    public IEnumerable<string> Problems()
    {
        if (MaxRequestBytes < 1) yield return "Limits:MaxRequestBytes must be at least 1.";
        if (MaxImportBytes < 1) yield return "Limits:MaxImportBytes must be at least 1.";
        if (MaxEvidenceBytes < 1) yield return "Limits:MaxEvidenceBytes must be at least 1.";
    }
}
