using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Bench;

/// <summary>
/// The obvious alternative to the timer table, for comparison only: one Hangfire scheduled job per reminder,
/// doing the same work a reminder timer does (one notice to the task's assignees).
/// </summary>
public sealed class BenchReminderJob(NpgsqlDataSource db, NoticeWriter notices, TimeProvider clock)
{
    public async Task RemindAsync(long taskId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var task = await connection.QuerySingleAsync<(long CycleId, long InstanceId, string Assignee, string Title)>(
            "select cycle_id, instance_id, assignee, title from task where id = @taskId", new { taskId }, tx);
        await notices.WriteAsync(tx, [new Notice($"hangfire-bench:{taskId}", "Reminder", $"【提醒】「{task.Title}」", task.CycleId, taskId, task.InstanceId, task.Assignee)], clock.GetUtcNow(), CancellationToken.None);
        await tx.CommitAsync();
    }
}
