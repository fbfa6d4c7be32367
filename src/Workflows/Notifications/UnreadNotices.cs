using CommunityWorkflows.Domain.Access;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>The caller's unread notifications as the page header counts them, and 全部已读.</summary>
public sealed class UnreadNotices(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<int> CountAsync(Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from notification where user_id = @userId and read_at is null", new { userId = caller.UserId }, cancellationToken: ct));
    }

    /// <summary>Marks every unread notification of the caller read; answers how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update notification set read_at = @now where user_id = @userId and read_at is null",
            new { userId = caller.UserId, now = clock.GetUtcNow() }, cancellationToken: ct));
    }
}
