using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Host.Auth;

public static class CallerAccess
{
    /// <summary>The authenticated caller of this request; endpoints behind authorization always have one.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("The request has no authenticated caller.");

    /// <summary>
    /// The client's address as failed logins are counted by it: the connection's, or the one a listed proxy
    /// forwarded (<c>Hosting:TrustedProxies</c>), the same address the per-address login limit counts.
    /// </summary>
    public static string ClientAddress(this HttpContext context) => Domain.Access.ClientAddress.Key(context.Connection.RemoteIpAddress);
}
