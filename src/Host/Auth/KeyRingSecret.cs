using System.Security.Cryptography;
using System.Text;
using CommunityWorkflows.Host.Hosting.Settings;
using Npgsql;

namespace CommunityWorkflows.Host.Auth;

/// <summary>
/// The secret the data-protection key ring is encrypted under in PostgreSQL: <c>Security:KeyRingSecret</c> when set,
/// else the database password of the connection — what every host of the installation already holds and a copy of
/// the database does not. Only its derived 256-bit key is kept.
/// </summary>
sealed class KeyRingSecret
{
    public const string Setting = "Security:KeyRingSecret";

    KeyRingSecret(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The AES-256 key, derived from the secret with HKDF-SHA256.</summary>
    public byte[] Key { get; }

    /// <summary>A fingerprint of <see cref="Key"/> kept beside each encrypted key, so that one made under another secret is recognised.</summary>
    public string Id { get; }

    public static KeyRingSecret From(SecuritySettings settings, string connectionString)
    {
        var secret = settings.KeyRingSecret is { Length: > 0 } configured ? configured
            : new NpgsqlConnectionStringBuilder(connectionString).Password is { Length: > 0 } password ? password
            : throw new InvalidOperationException(
                $"{Setting} is not set and the database connection has no password to derive it from: set {Setting} (at least {SecuritySettings.MinimumKeyRingSecretLength} characters, the same on every host).");
        if (secret.Length < SecuritySettings.MinimumKeyRingSecretLength)
            throw new InvalidOperationException($"{Setting} must be at least {SecuritySettings.MinimumKeyRingSecretLength} characters long.");
        return new KeyRingSecret(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32,
            info: "CommunityWorkflows data-protection key ring v1"u8.ToArray()));
    }
}
