using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Bench;

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
        var task = await connection.QuerySingleAsync<(long CycleId, long OrgUnitId, string Assignee, string Title)>(
            "select cycle_id, org_unit_id, assignee, title from task where id = @taskId", new { taskId }, tx);
        await notices.WriteAsync(tx, [new Notice($"hangfire-bench:{taskId}", "Reminder", $"【提醒】「{task.Title}」", task.OrgUnitId, task.Assignee, CycleId: task.CycleId, TaskId: taskId)],
            clock.GetUtcNow(), CancellationToken.None);
        await tx.CommitAsync();
    }
}
