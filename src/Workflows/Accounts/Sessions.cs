using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>Ending a person's sessions: every bearer token (UI sessions are bearer tokens too) and their calendar link.</summary>
static class Sessions
{
    /// <summary>Deletes them in the caller's transaction; returns how many tokens were ended.</summary>
    public static Task<int> EndAllAsync(NpgsqlTransaction tx, long userId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with tokens as (delete from access_token where user_id = @userId returning 1),
                 feeds as (delete from feed_token where user_id = @userId returning 1)
            select (select count(*) from tokens)::int
            """, new { userId }, tx, cancellationToken: ct));
}
