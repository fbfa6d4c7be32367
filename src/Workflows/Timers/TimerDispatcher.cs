using CommunityWorkflows.Domain.Text;
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

    /// <summary>The target kinds this host has handlers for.</summary>
    public IReadOnlyCollection<string> KnownTargetKinds => byTarget.Keys;

    /// <summary>
    /// A failure that says nothing about the timers (a deadlock, a lost connection, a server going down): the
    /// batch rolls back whole and is fired again; anything else (a bad row, a bug) sets the kind's timers aside.
    /// </summary>
    static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState[..2] is "08" or "40" or "53" or "57",
        NpgsqlException n => n.IsTransient,
        _ => false,
    };
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
        // only kinds this host can fire: during a rolling upgrade an older host leaves newer kinds to newer hosts
        var claimed = (await connection.QueryAsync<DueTimer>(new CommandDefinition(
            """
            select id, kind, target_kind, target_id, cycle_id, stage, step from timer
            where fired_at is null and due_at <= @now and target_kind = any(@known)
            order by due_at, id
            limit @batchSize
            for update skip locked
            """, new { now, batchSize, known = byTarget.Keys.ToArray() }, tx, cancellationToken: ct))).ToList();
        if (claimed.Count == 0) return null;

        var fired = new HashSet<long>();
        var failed = new Dictionary<long, string>();
        var entries = new List<JournalDraft>();
        var written = 0;
        foreach (var group in claimed.GroupBy(t => t.TargetKind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // one target kind's failure (a bad row, a bug) sets its timers aside and lets every other timer fire
            await tx.SaveAsync("handler", ct);
            try
            {
                var effects = await byTarget[group.Key].FireAsync(tx, group.ToList(), now, ct);
                written += await notices.WriteAsync(tx, effects.Notices, now, ct);
                await tx.ReleaseAsync("handler", ct);
                fired.UnionWith(effects.Fired);
                entries.AddRange(effects.Journal);
            }
            catch (Exception e) when (e is not OperationCanceledException && !IsTransient(e))
            {
                await tx.RollbackAsync("handler", ct);
                logger.LogError(e, "Timers of target kind {TargetKind} failed and are set aside: {Ids}", group.Key, group.Select(t => t.Id));
                foreach (var timer in group) failed[timer.Id] = e.Message;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            update timer set fired_at = @now,
                outcome = case when timer.id = any(@fired) then 'Fired' when timer.id = any(@failed) then 'Failed' else 'Skipped' end,
                error = f.error
            from (select unnest(@all) as id) as c left join unnest(@failed, @errors) as f(id, error) on f.id = c.id
            where timer.id = c.id
            """,
            new
            {
                now, fired = fired.ToArray(), all = claimed.Select(t => t.Id).ToArray(),
                failed = failed.Keys.ToArray(), errors = failed.Values.Select(m => TextCut.Prefix(m, 500)).ToArray(),
            }, tx, cancellationToken: ct));
        await journal.AppendAsync(tx, now, Actor, entries, ct);
        await tx.CommitAsync(ct);
        var firedByKind = claimed.Where(t => fired.Contains(t.Id)).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
        return new DispatchResult(fired.Count, claimed.Count - fired.Count - failed.Count, written, firedByKind) { Failed = failed.Count };
    }
}
