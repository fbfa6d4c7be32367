using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>Writes the timers of a deadline schedule for a target, idempotently (a key per target, kind and step).</summary>
public static class DeadlineTimers
{
    public static Task ScheduleAsync(NpgsqlTransaction tx, string targetKind, long targetId, DeadlineSchedule schedule, long? cycleId, CancellationToken ct) =>
        ScheduleAsync(tx, targetKind, [targetId], schedule, cycleId, ct);

    /// <summary>The same schedule for many targets at once (every obligation a meeting occurrence opens), in one statement.</summary>
    public static Task ScheduleAsync(NpgsqlTransaction tx, string targetKind, IReadOnlyCollection<long> targetIds, DeadlineSchedule schedule, long? cycleId, CancellationToken ct) =>
        ScheduleAsync(tx, targetKind, targetIds, schedule.Timers(), cycleId, round: 1, ct);

    /// <summary>
    /// Timers given one by one (when, kind, step) for many targets. A later <paramref name="round"/> (a task
    /// returned to its assignee, ...) gets keys of its own, so it is not mistaken for the first round's timers.
    /// </summary>
    public static Task ScheduleAsync(
        NpgsqlTransaction tx, string targetKind, IReadOnlyCollection<long> targetIds, IReadOnlyList<(DateTimeOffset At, string Kind, int Step)> timers,
        long? cycleId, int round, CancellationToken ct)
    {
        if (targetIds.Count == 0 || timers.Count == 0) return Task.CompletedTask;
        return tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into timer (due_at, kind, target_kind, target_id, cycle_id, step, idempotency_key)
            select s.at, s.kind, @targetKind, t.id, @cycleId, s.step,
                   lower(@targetKind) || ':' || t.id || ':' || s.kind || ':' || s.step || case when @round > 1 then ':r' || @round else '' end
            from unnest(@targetIds) as t(id) cross join unnest(@ats, @kinds, @steps) as s(at, kind, step)
            on conflict (idempotency_key) do nothing
            """,
            new
            {
                targetKind, targetIds = targetIds.ToArray(), cycleId, round,
                ats = timers.Select(t => t.At.ToUniversalTime()).ToArray(),
                kinds = timers.Select(t => t.Kind).ToArray(),
                steps = timers.Select(t => t.Step).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The idempotency key of a target's timer: <c>target kind:target id:kind:step</c>, as the schedules above write
    /// it, with the occasion it belongs to appended when a one-off timer's step recurs.
    /// </summary>
    public static string Key(string targetKind, long targetId, string kind, int step, string? occasion = null) =>
        $"{targetKind.ToLowerInvariant()}:{targetId}:{kind}:{step}" + (occasion is null ? "" : $":{occasion}");

    /// <summary>
    /// One timer of its own, outside a deadline schedule (a point's visit reminder). <paramref name="occasion"/>
    /// tells its runs apart when the same step comes round again after the earlier one was cancelled.
    /// </summary>
    public static Task ScheduleOnceAsync(
        NpgsqlTransaction tx, string targetKind, long targetId, string kind, int step, DateTimeOffset at, string? occasion, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into timer (due_at, kind, target_kind, target_id, step, idempotency_key)
            values (@at, @kind, @targetKind, @targetId, @step, @key)
            on conflict (idempotency_key) do nothing
            """,
            new { at = at.ToUniversalTime(), kind, targetKind, targetId, step, key = Key(targetKind, targetId, kind, step, occasion) }, tx, cancellationToken: ct));

    /// <summary>
    /// Stops the target's timers that have not fired (its deadline is met or no longer applies). Timers a
    /// dispatcher holds right now are skipped, not waited for: the command holds its target row, the dispatcher
    /// may be waiting for it, and waiting back would deadlock; those timers fire and find nothing to do.
    /// </summary>
    public static Task CancelAsync(NpgsqlTransaction tx, string targetKind, long targetId, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            update timer set fired_at = @now, outcome = 'Cancelled'
            where id in (select id from timer where target_kind = @targetKind and target_id = @targetId and fired_at is null for update skip locked)
            """,
            new { targetKind, targetId, now }, tx, cancellationToken: ct));
}
