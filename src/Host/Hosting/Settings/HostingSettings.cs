using System.Net;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Hosting:*</c>: how the host sits behind proxies and what address people reach it at.</summary>
sealed class HostingSettings : ISettings
{
    public static string Section => "Hosting";

    /// <summary>Comma-separated addresses of the reverse proxies whose X-Forwarded-For is believed; empty: none.</summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>
    /// The address people reach the product at (e.g. <c>https://djzz.example.gov.cn</c>), for links handed out to be
    /// used elsewhere (calendar subscriptions); empty: the request's own address.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>The session cookie <c>Secure</c> on every answer; unset: on outside Development.</summary>
    public bool? SecureCookies { get; set; }

    public IReadOnlyList<IPAddress> Proxies => [.. ProxyTexts.Select(IPAddress.Parse)];

    public Uri? PublicUri => PublicUrl is { Length: > 0 } && IsHttpAddress(PublicUrl, out var url) ? url : null;

    IEnumerable<string> ProxyTexts => TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static bool IsHttpAddress(string text, out Uri? url) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out url) && url.Scheme is "http" or "https" && url.Query.Length == 0;

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in ProxyTexts.Where(p => !IPAddress.TryParse(p, out _)))
            yield return $"Hosting:TrustedProxies: '{proxy}' is not an IP address.";
        if (PublicUrl is { Length: > 0 } && !IsHttpAddress(PublicUrl, out _))
            yield return $"Hosting:PublicUrl: '{PublicUrl}' is not an absolute http(s) address without a query.";
    }
}
