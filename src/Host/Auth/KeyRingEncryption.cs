using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CommunityWorkflows.Host.Auth;

/// <summary>
/// Encrypts each data-protection key's secret with AES-256-GCM under <see cref="KeyRingSecret"/> before it is stored:
/// whoever reads the <c>data_protection_key</c> table (a dump, a backup, a read-only account) cannot forge anti-forgery
/// tokens or read what the keys protect.
/// </summary>
sealed class KeyRingEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    internal const string ElementName = "keyRingSecret";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(secret.Key, tag.Length))
            aes.Encrypt(nonce, plain, sealedBytes, tag, AdditionalData(secret.Id));
        var element = new XElement(ElementName,
            new XAttribute("secretId", secret.Id),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }

    internal static byte[] AdditionalData(string secretId) => Encoding.UTF8.GetBytes("CommunityWorkflows key ring " + secretId);
}

/// <summary>
/// Opens what <see cref="KeyRingEncryptor"/> sealed. The data-protection system creates it by the type name stored with
/// each key, handing it the application's services.
/// </summary>
sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = services.GetRequiredService<KeyRingSecret>();
        var secretId = (string?)encryptedElement.Attribute("secretId");
        if (secretId != secret.Id)
            throw new CryptographicException(
                $"This data-protection key was encrypted under another {KeyRingSecret.Setting} (or database password); a new key replaces it.");
        var nonce = Convert.FromBase64String((string?)encryptedElement.Attribute("nonce") ?? "");
        var tag = Convert.FromBase64String((string?)encryptedElement.Attribute("tag") ?? "");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[sealedBytes.Length];
        using (var aes = new AesGcm(secret.Key, tag.Length))
            aes.Decrypt(nonce, sealedBytes, tag, plain, KeyRingEncryptor.AdditionalData(secret.Id));
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
