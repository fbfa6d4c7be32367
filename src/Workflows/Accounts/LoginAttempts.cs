using System.Security.Cryptography;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// One password given for an account from a client address — a login, or the current password when changing
/// one's own. Every attempt runs exactly one password verification, before anything else is looked at: an unknown
/// name, a disabled account, a locked address and a wrong password cost what a right one costs, so the time an
/// answer takes tells nothing. The verification also runs outside any transaction, so that guesses do not queue up
/// the owner's login behind the account's row.
/// </summary>
public sealed class LoginAttempts(
    EventJournal journal, SecurityClock clock, IPasswordHasher<string> hasher,
    CommunityWorkflowsOptions options, ILogger<LoginAttempts> logger)
{
    // verified against when the username is unknown, hashed like every password set now
    readonly string decoyHash = hasher.HashPassword("", Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    /// <summary>A password verified against the account's hash as read (<see cref="UserId"/> null: no such account, a decoy was verified).</summary>
    internal sealed record Verified(string Username, long? UserId, string? PasswordHash, PasswordVerificationResult Verdict);

    /// <summary>Step one, on no transaction: the account's hash read and the password verified against it.</summary>
    internal async Task<Verified> VerifyAsync(NpgsqlConnection connection, string username, string password, CancellationToken ct)
    {
        username = AccountRules.NormaliseUsername(username);
        var user = await connection.QuerySingleOrDefaultAsync<(long Id, string PasswordHash)?>(new CommandDefinition(
            "select id, password_hash from app_user where username = @username", new { username }, cancellationToken: ct));
        var verdict = hasher.VerifyHashedPassword(username, user?.PasswordHash ?? decoyHash, password);
        return new Verified(username, user?.Id, user?.PasswordHash, verdict);
    }

    /// <summary>
    /// Step two, in the caller's transaction: whether the attempt is accepted. Refused — all alike — when the
    /// address is locked out of the account or of every account (uncounted), when the password changed meanwhile
    /// (uncounted: another one was verified), and when the account is unknown or disabled or the password wrong
    /// (counted as a failure of the address, and of the account from that address). An accepted attempt forgets the
    /// account's failures from that address. The account's row stays locked until the transaction ends.
    /// </summary>
    internal async Task<bool> SettleAsync(NpgsqlTransaction tx, Verified attempt, string address, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var account = attempt.UserId is { } id
            ? await tx.Connection!.QuerySingleOrDefaultAsync<(string PasswordHash, DateTimeOffset? DisabledAt)?>(new CommandDefinition(
                "select password_hash, disabled_at from app_user where id = @id for no key update", new { id }, tx, cancellationToken: ct))
            : null;
        var standing = await LoginLocks.ReadAsync(tx, account is null ? null : attempt.UserId, address, ct);
        if (standing.IsLocked(options.LoginThrottle, now))
        {
            logger.LogWarning("Login refused for {Username} from {Address}: locked out until {LockedUntil}", attempt.Username, address,
                new[] { standing.OfAddress?.LockedUntil, standing.OfAccount?.LockedUntil }.Max());
            return false;
        }
        if (account is { } changed && changed.PasswordHash != attempt.PasswordHash) return false;
        if (account is not { DisabledAt: null } || attempt.Verdict == PasswordVerificationResult.Failed)
        {
            var (accountLock, addressLock) = await LoginLocks.RecordFailureAsync(tx, journal, options.LoginThrottle, standing, attempt.Username, now, ct);
            if (accountLock is { } until)
                logger.LogWarning("Address {Address} locked out of {Username} until {LockedUntil} after repeated failed logins", address, attempt.Username, until);
            if (addressLock is { } all)
                logger.LogWarning("Address {Address} locked out of every account until {LockedUntil} after repeated failed logins", address, all);
            return false;
        }
        await LoginLocks.ClearAsync(tx, attempt.UserId!.Value, address, now, ct);
        return true;
    }

    /// <summary>A new hash of the password when the stored one is due for an upgrade (a second PBKDF2 run only then).</summary>
    internal string? RehashIfNeeded(Verified attempt, string password) =>
        attempt.Verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(attempt.Username, password) : null;
}
