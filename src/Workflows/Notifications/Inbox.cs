using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Notifications;

public sealed record NotificationView(long Id, string Kind, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, long? CycleId, long? TaskId, long? MeetingId, long? ProblemId);

/// <summary>A person's notifications: reminders, deadlines, escalations and returns, newest first.</summary>
public sealed class Inbox(NpgsqlDataSource db, NoticeKinds kinds, TimeProvider clock)
{
    public const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<NotificationView>> ListAsync(bool unreadOnly, string? kind, int limit, long? beforeId, Caller caller, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize)
            throw new RuleViolationException("/limit", Say.Text($"limit must be between 1 and {MaxPageSize}.", $"每页条数（limit）须在 1 至 {MaxPageSize} 之间。"));
        var wanted = kind is null ? null
            : kinds.Find(kind) ?? throw new RuleViolationException("/kind", Say.Text($"Unknown kind '{kind}'; expected one of {string.Join(", ", kinds.All)}.", $"未知类型“{kind}”，应为以下之一：{string.Join(", ", kinds.All)}。"));
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<NotificationView>(new CommandDefinition(
            """
            select id, kind, subject, created_at, read_at, cycle_id, task_id, meeting_id, problem_id
            from notification
            where user_id = @userId and (not @unreadOnly or read_at is null) and (@kind::text is null or kind = @kind)
              and (@beforeId::bigint is null or id < @beforeId)
            order by id desc
            limit @limit
            """, new { userId = caller.UserId, unreadOnly, kind = wanted, limit, beforeId }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Marks one of the caller's notifications read (again is harmless); someone else's → 404.</summary>
    public async Task MarkReadAsync(long id, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var found = await connection.ExecuteAsync(new CommandDefinition(
            "update notification set read_at = coalesce(read_at, @now) where id = @id and user_id = @userId",
            new { id, userId = caller.UserId, now = clock.GetUtcNow() }, cancellationToken: ct));
        if (found == 0)
            throw new NotFoundException(Say.Text($"Notification {id} was not found.", $"未找到通知 {id}。"));
    }
}
