using System.Security.Claims;
using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Host.Ui.Session;

/// <summary>
/// The identity the session cookie proved, carrying the <see cref="Domain.Access.Caller"/> and the cookie's token, so
/// that an interactive page (whose circuit outlives the request that opened it) can ask again whether the session
/// still stands. It lives only in the server's memory.
/// </summary>
public sealed class CallerIdentity(Caller caller, string? sessionToken, IEnumerable<Claim> claims, string scheme)
    : ClaimsIdentity(claims, scheme)
{
    public Caller Caller { get; } = caller;

    /// <summary>The session cookie's token, or null when the caller came with a bearer token or a feed secret.</summary>
    public string? SessionToken { get; } = sessionToken;
}
