using CommunityWorkflows.Host.Hosting.Settings;

namespace CommunityWorkflows.Host.Auth;

/// <summary>
/// How the UI's session cookie is written. It carries a bearer token, so it is <c>Secure</c> outside Development
/// whatever the request looks like to the host (<c>Hosting:SecureCookies</c>, default on): behind a TLS proxy the
/// hop to the host is plain HTTP, and a cookie sent once in clear text is a stolen session.
/// </summary>
public sealed class SessionCookie(bool alwaysSecure)
{
    public bool AlwaysSecure => alwaysSecure;

    internal static SessionCookie From(HostingSettings settings, IHostEnvironment environment) =>
        new(settings.SecureCookies ?? !environment.IsDevelopment());

    public CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = alwaysSecure || request.IsHttps,
        // a session cookie: the token's own expiry, checked by the server, is what ends the session
    };
}
