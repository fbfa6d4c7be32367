using System.Security.Cryptography;
using System.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// The secret behind a person's calendar subscription link: calendar apps fetch a feed by URL and cannot
/// log in. A new link replaces the old one; the secret only ever reads the person's own feed.
/// </summary>
public sealed class FeedTokens(NpgsqlDataSource db, CommandRunner commands, SecurityClock clock)
{
    /// <summary>A new secret for the caller (the previous one stops working).</summary>
    public async Task<string> RenewAsync(Caller caller, CancellationToken ct)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return await commands.RunAsync(caller, caller.Username, clock.Time, async scope =>
        {
            await scope.ExecuteAsync(
                """
                insert into feed_token (user_id, token_hash, created_at) values (@userId, @hash, @now)
                on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at
                """, new { userId = caller.UserId, hash = Hash(secret), now = scope.Now });
            scope.Journal(new JournalDraft(JournalStreams.Accounts, "FeedLinkRenewed", caller.Username));
            return secret;
        }, ct);
    }

    public Task RevokeAsync(Caller caller, CancellationToken ct) =>
        commands.RunAsync(caller, caller.Username, clock.Time, async scope =>
        {
            if (await scope.ExecuteAsync("delete from feed_token where user_id = @userId", new { userId = caller.UserId }) > 0)
                scope.Journal(new JournalDraft(JournalStreams.Accounts, "FeedLinkRevoked", caller.Username));
            return true;
        }, ct);

    /// <summary>The person behind a feed secret, with their roles; null when unknown or the account is disabled.</summary>
    public async Task<Caller?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CallerLoader.LoadAsync(connection, "feed_token f join app_user u on u.id = f.user_id {roles} where f.token_hash = @hash and u.disabled_at is null",
            new { hash = Hash(secret) }, ct);
    }

    static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
