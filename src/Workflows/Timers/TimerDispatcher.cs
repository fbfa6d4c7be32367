using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// Fires due timers in batches. Each batch claims its rows with FOR UPDATE SKIP LOCKED and, in one
/// transaction, has each target kind's handler apply its effects, writes the notices and journal entries,
/// and marks the timers fired: several dispatchers never fire a timer twice, and a crash rolls the batch
/// back to be fired again. A timer whose target no longer waits is marked skipped.
/// </summary>
public sealed class TimerDispatcher(
    NpgsqlDataSource db, EventJournal journal, NoticeWriter notices, IEnumerable<ITimerHandler> handlers, ILogger<TimerDispatcher> logger)
{
    public const int DefaultBatchSize = 2000;
    const string Actor = "timers";
    readonly Dictionary<string, ITimerHandler> byTarget = handlers.ToDictionary(h => h.TargetKind);

    /// <summary>Fires every timer due at or before <paramref name="now"/>, including those that firing creates.</summary>
    public async Task<DispatchResult> DispatchDueAsync(DateTimeOffset now, CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        var total = DispatchResult.None;
        while (await DispatchBatchAsync(now, batchSize, ct) is { } batch)
            total = total.Plus(batch);
        if (total.Fired + total.Skipped > 0)
            logger.LogInformation("Dispatched {Fired} timers ({Skipped} skipped, {Notifications} notifications) due by {Now}", total.Fired, total.Skipped, total.Notifications, now);
        return total;
    }

    async Task<DispatchResult?> DispatchBatchAsync(DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var claimed = (await connection.QueryAsync<DueTimer>(new CommandDefinition(
            """
            select id, kind, target_kind, target_id, cycle_id, stage, step from timer
            where fired_at is null and due_at <= @now
            order by due_at, id
            limit @batchSize
            for update skip locked
            """, new { now, batchSize }, tx, cancellationToken: ct))).ToList();
        if (claimed.Count == 0) return null;

        var fired = new HashSet<long>();
        var batchNotices = new List<Notice>();
        var entries = new List<JournalDraft>();
        foreach (var group in claimed.GroupBy(t => t.TargetKind))
        {
            if (!byTarget.TryGetValue(group.Key, out var handler))
            {
                logger.LogError("No handler for timers of target kind {TargetKind}; {Count} skipped", group.Key, group.Count());
                continue;
            }
            var effects = await handler.FireAsync(tx, group.ToList(), now, ct);
            fired.UnionWith(effects.Fired);
            batchNotices.AddRange(effects.Notices);
            entries.AddRange(effects.Journal);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "update timer set fired_at = @now, outcome = case when id = any(@fired) then 'Fired' else 'Skipped' end where id = any(@all)",
            new { now, fired = fired.ToArray(), all = claimed.Select(t => t.Id).ToArray() }, tx, cancellationToken: ct));
        var written = await notices.WriteAsync(tx, batchNotices, now, ct);
        await journal.AppendAsync(tx, now, Actor, entries, ct);
        await tx.CommitAsync(ct);
        var firedByKind = claimed.Where(t => fired.Contains(t.Id)).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
        return new DispatchResult(fired.Count, claimed.Count - fired.Count, written, firedByKind);
    }
}
