using System.Security.Cryptography;
using System.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// Logging in and recognising bearer tokens. Tokens are random, opaque and stored only as their SHA-256,
/// so every host sharing the database recognises them and a stolen table yields nothing usable.
/// </summary>
public sealed class AccessTokens(
    NpgsqlDataSource db, EventJournal journal, SecurityClock clock, PasswordHasher<string> hasher,
    CommunityWorkflowsOptions options, ILogger<AccessTokens> logger)
{
    // verified against when the username is unknown, so that a miss costs as much time as a wrong password
    static readonly string DecoyHash = new PasswordHasher<string>().HashPassword("", "decoy-password-never-matches");

    /// <summary>A token for the right credentials on an unlocked account; null otherwise, whatever the reason.</summary>
    public async Task<AccessToken?> IssueAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return null;
        username = AccountRules.NormaliseUsername(username);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<UserLogin>(new CommandDefinition(
            "select id, password_hash, failed_logins, locked_until from app_user where username = @username for update",
            new { username }, tx, cancellationToken: ct));
        var now = clock.UtcNow;
        if (user is null)
        {
            hasher.VerifyHashedPassword("", DecoyHash, password);
            return null;
        }
        if (options.LoginThrottle.IsLocked(user.LockedUntil, now))
        {
            logger.LogWarning("Login refused for {Username}: locked until {LockedUntil}", username, user.LockedUntil);
            return null;
        }
        var verdict = hasher.VerifyHashedPassword(username, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(tx, username, user, now, ct);
            await tx.CommitAsync(ct);
            return null;
        }
        var token = new AccessToken(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            now + options.TokenLifetime);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update app_user set failed_logins = 0, locked_until = null,
                password_hash = case when @rehash then @newHash else password_hash end
            where id = @id;
            insert into access_token (token_hash, user_id, created_at, expires_at) values (@tokenHash, @id, @now, @expiresAt);
            """,
            new
            {
                id = user.Id, now, token.ExpiresAt, tokenHash = HashToken(token.Value),
                rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded,
                // a second PBKDF2 run only when the stored hash is due for an upgrade
                newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(username, password) : null,
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return token;
    }

    async Task RecordFailureAsync(NpgsqlTransaction tx, string username, UserLogin user, DateTimeOffset now, CancellationToken ct)
    {
        var failures = user.FailedLogins + 1;
        var lockUntil = options.LoginThrottle.LockAfterFailure(failures, now);
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update app_user set failed_logins = @failures, locked_until = @lockUntil where id = @id",
            new { failures, lockUntil, id = user.Id }, tx, cancellationToken: ct));
        if (lockUntil is not null)
        {
            await journal.AppendAsync(tx, now, null,
                [new JournalDraft(JournalStreams.Accounts, "AccountLocked", username, new { failures, lockedUntil = lockUntil })], ct);
            logger.LogWarning("Account {Username} locked until {LockedUntil} after {Failures} failed logins", username, lockUntil, failures);
        }
    }

    /// <summary>The person behind a live token, with every role they hold; null for an unknown or expired token.</summary>
    public async Task<Caller?> AuthenticateAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CallerLoader.LoadAsync(connection,
            "access_token t join app_user u on u.id = t.user_id {roles} where t.token_hash = @hash and t.expires_at > @now",
            new { hash = HashToken(token), now = clock.UtcNow }, ct);
    }

    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("delete from access_token where token_hash = @hash", new { hash = HashToken(token) }, cancellationToken: ct));
    }

    static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    sealed record UserLogin(long Id, string PasswordHash, int FailedLogins, DateTimeOffset? LockedUntil);
}
