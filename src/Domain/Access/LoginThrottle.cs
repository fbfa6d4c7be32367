namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// Repeated failed logins lock the account for a while: after <see cref="MaxFailures"/> failures in a
/// row, each further failure (re)starts a lock of <see cref="LockFor"/>.
/// </summary>
public sealed record LoginThrottle(int MaxFailures, TimeSpan LockFor)
{
    public static LoginThrottle Default { get; } = new(5, TimeSpan.FromMinutes(15));

    public bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil > now;

    public DateTimeOffset? LockAfterFailure(int failuresIncludingThis, DateTimeOffset now) =>
        failuresIncludingThis >= MaxFailures ? now + LockFor : null;
}
