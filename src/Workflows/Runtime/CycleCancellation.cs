using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Commands;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Stops a running cycle: every timer stops, open work is cancelled, accepted work stays as it was. A cycle whose
/// results are published is not cancelled (409): its grades were circulated and stand.
/// </summary>
public sealed class CycleCancellation(CommandRunner commands, CycleQueries queries)
{
    /// <summary>The longest reason, as long as a task's comment.</summary>
    public const int MaxReasonLength = TaskActions.MaxCommentLength;

    public async Task<CycleView> CancelAsync(long cycleId, string? reason, Caller caller, CancellationToken ct)
    {
        if (reason is { Length: > MaxReasonLength })
            throw new RuleViolationException("/reason", Say.Text($"reason must be at most {MaxReasonLength} characters.", $"撤销原因不能超过 {MaxReasonLength} 个字符。"));
        await commands.RunAsync(caller, scope => CancelInAsync(scope, cycleId, reason, caller), ct);
        return await queries.GetAsync(cycleId, caller, ct);
    }

    static async Task CancelInAsync(CommandScope scope, long cycleId, string? reason, Caller caller)
    {
        var c = await scope.SingleOrDefaultAsync<CycleRow>(
            "select c.status, u.path from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId for update of c", new { cycleId });
        if (c is null || !CycleQueries.CanSee(caller, c.Path))
            throw new NotFoundException(Say.Text($"Cycle {cycleId} was not found.", $"未找到考核周期 {cycleId}。"));
        if (!caller.Holds(c.Path, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator over the cycle's scope may cancel it.", "只有系统管理员或管辖该轮次范围的区级管理员才能撤销该轮次。"));
        if (c.Status != "Running")
            throw new ConflictException(Say.Text($"Cycle {cycleId} is {c.Status}; only a running cycle can be cancelled.", $"考核周期 {cycleId} {Say.Name(c.Status)}，只有进行中的轮次才能撤销。"));
        // a statement of its own, after the lock that publication takes too: it sees a publication committed meanwhile
        var publishedAt = await scope.SingleOrDefaultAsync<DateTimeOffset?>(
            "select published_at from assessment_publication where cycle_id = @cycleId", new { cycleId });
        if (publishedAt is { } published)
            throw new ConflictException(Say.Text($"The results of cycle {cycleId} were published on {ChinaTime.DateOf(published):yyyy-MM-dd}: circulated grades stand " +
                "and count in the accountability report, so the cycle can no longer be cancelled.",
                $"考核周期 {cycleId} 的结果已于 {ChinaTime.DateOf(published):yyyy-MM-dd} 发布：已通报的等次有效并计入履职报告，该轮次不能再撤销。"));

        var now = scope.Now;
        // a province-sized cycle holds millions of rows: these statements get the launcher's time, not the default 30 s
        // one statement after another, timers first and without waiting for those a dispatcher holds (it may be
        // waiting for the tasks this transaction is about to lock): they fire and find the cycle cancelled
        var timers = await scope.ExecuteAsync(
            """
            update timer set fired_at = @now, outcome = 'Cancelled'
            where id in (select id from timer where cycle_id = @cycleId and fired_at is null for update skip locked)
            """, new { cycleId, now }, timeout: CycleLauncher.BulkTimeout);
        var tasks = await scope.ExecuteAsync(
            "update task set status = @to, updated_at = @now where cycle_id = @cycleId and status = any(@from)",
            new { cycleId, now, to = TaskTransitions.Cancel.ToName, from = TaskTransitions.Cancel.FromNames }, timeout: CycleLauncher.BulkTimeout);
        var instances = await scope.ExecuteAsync(
            "update instance set status = 'Cancelled' where cycle_id = @cycleId and status = 'Running'", new { cycleId }, timeout: CycleLauncher.BulkTimeout);
        await scope.ExecuteAsync("update cycle set status = 'Cancelled', cancelled_at = @now where id = @cycleId", new { cycleId, now });
        scope.Journal(new JournalDraft(JournalStreams.Cycle(cycleId), "CycleCancelled", null,
            new { reason, timersStopped = timers, tasksCancelled = tasks, instancesCancelled = instances }));
    }

    sealed record CycleRow(string Status, string Path);
}
