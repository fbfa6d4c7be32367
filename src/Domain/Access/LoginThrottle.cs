namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// Failed logins are counted twice, each count over a window of <see cref="LockFor"/> from its first failure:
/// per account and client address — <see cref="MaxFailures"/> of them lock that address out of that account —
/// and per client address across every account and unknown name — <see cref="MaxAddressFailures"/> lock that
/// address out of every account. An address never locks an account for anyone else, so no one can lock another
/// person out, and one address cannot try its way through many accounts. A lock lasts <see cref="LockFor"/>;
/// attempts during it are refused uncounted and do not extend it; after it the count starts again from nothing.
/// </summary>
public sealed record LoginThrottle(int MaxFailures, TimeSpan LockFor, int MaxAddressFailures)
{
    public static LoginThrottle Default { get; } = new(5, TimeSpan.FromMinutes(15), 20);

    public bool IsLocked(LoginFailures? record, DateTimeOffset now) => record?.LockedUntil > now;

    /// <summary>The record of one account and address after one more failure from an address that is not locked.</summary>
    public LoginFailures AfterAccountFailure(LoginFailures? previous, DateTimeOffset now) => AfterFailure(previous, now, MaxFailures);

    /// <summary>The record of one address (every account together) after one more failure from it.</summary>
    public LoginFailures AfterAddressFailure(LoginFailures? previous, DateTimeOffset now) => AfterFailure(previous, now, MaxAddressFailures);

    LoginFailures AfterFailure(LoginFailures? previous, DateTimeOffset now, int limit)
    {
        // a lock that has ended, or a window that has closed, leaves nothing to count on
        var counting = previous is { LockedUntil: null } p && now - p.FirstFailureAt < LockFor;
        var next = counting ? previous! with { Failures = previous!.Failures + 1 } : new LoginFailures(1, now, null);
        return next.Failures >= limit ? next with { LockedUntil = now + LockFor } : next;
    }

    public IEnumerable<string> Problems()
    {
        if (MaxFailures < 1) yield return "LoginThrottle.MaxFailures must be at least 1.";
        if (MaxAddressFailures < 1) yield return "LoginThrottle.MaxAddressFailures must be at least 1.";
        if (LockFor <= TimeSpan.Zero) yield return "LoginThrottle.LockFor must be positive.";
    }
}

/// <summary>
/// Failed logins on record — of one account from one client address, or of one address against every account —
/// counted since <see cref="FirstFailureAt"/>, and the lock they started.
/// </summary>
public sealed record LoginFailures(int Failures, DateTimeOffset FirstFailureAt, DateTimeOffset? LockedUntil);
