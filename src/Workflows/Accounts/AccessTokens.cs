using System.Security.Cryptography;
using System.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Commands;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// Logging in and recognising bearer tokens. Tokens are random, opaque and stored only as their SHA-256,
/// so every host sharing the database recognises them and a stolen table yields nothing usable.
/// </summary>
public sealed class AccessTokens(
    NpgsqlDataSource db, CommandRunner commands, LoginAttempts logins, SecurityClock clock, CommunityWorkflowsOptions options)
{
    /// <summary>
    /// A token for the right credentials on an enabled account that <paramref name="address"/> (<see cref="ClientAddress.Key"/>)
    /// is not locked out of; null otherwise, whatever the reason, after the same password work (<see cref="LoginAttempts"/>).
    /// </summary>
    public async Task<AccessToken?> IssueAsync(string? username, string? password, string address, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return null;
        LoginAttempts.Verified attempt;
        await using (var connection = await db.OpenConnectionAsync(ct))
            attempt = await logins.VerifyAsync(connection, username, password, ct);
        // a refused attempt commits too: the failure is counted
        return await commands.RunAsync<AccessToken?>(null, attempt.Username, clock.Time, async scope =>
        {
            if (!await logins.SettleAsync(scope.Transaction, attempt, address, ct))
                return null;
            var token = new AccessToken(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                scope.Now + options.TokenLifetime);
            await scope.ExecuteAsync(
                """
                update app_user set password_hash = @newHash where id = @id and @newHash::text is not null;
                insert into access_token (token_hash, user_id, created_at, expires_at) values (@tokenHash, @id, @now, @expiresAt);
                """,
                new { id = attempt.UserId, now = scope.Now, token.ExpiresAt, tokenHash = HashToken(token.Value), newHash = logins.RehashIfNeeded(attempt, password) });
            return token;
        }, ct);
    }

    /// <summary>The person behind a live token on an enabled account, with every role they hold; null otherwise.</summary>
    public async Task<Caller?> AuthenticateAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CallerLoader.LoadAsync(connection,
            "access_token t join app_user u on u.id = t.user_id {roles} where t.token_hash = @hash and t.expires_at > @now and u.disabled_at is null",
            new { hash = HashToken(token), now = clock.UtcNow }, ct);
    }

    public async Task RevokeAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("delete from access_token where token_hash = @hash", new { hash = HashToken(token) }, cancellationToken: ct));
    }

    static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
