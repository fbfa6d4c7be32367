using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Host.Auth;

public static class CallerAccess
{
    /// <summary>The authenticated caller of this request; endpoints behind authorization always have one.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("The request has no authenticated caller.");
}
