namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Security:*</c>: the secret the data-protection key ring is encrypted under.</summary>
sealed class SecuritySettings : ISettings
{
    public static string Section => "Security";

    public const int MinimumKeyRingSecretLength = 16;

    /// <summary>Empty: the database password of the connection (see <see cref="Auth.KeyRingSecret"/>).</summary>
    [Secret]
    public string KeyRingSecret { get; set; } = "";

    public IEnumerable<string> Problems()
    {
        if (KeyRingSecret.Length is > 0 and < MinimumKeyRingSecretLength)
            yield return $"Security:KeyRingSecret must be at least {MinimumKeyRingSecretLength} characters long.";
    }
}
