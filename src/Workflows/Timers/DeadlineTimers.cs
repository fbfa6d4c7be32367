using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// The one writer of timer rows: a deadline schedule's timers for its targets, a one-off timer, a stage's opening — each
/// keyed by <see cref="TimerKeys"/>, idempotently — and the statement the set-based launch and task opening embed.
/// </summary>
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
        var arguments = Arguments(targetKind, timers, new { targetIds = targetIds.ToArray(), cycleId, round });
        return tx.Connection!.ExecuteAsync(new CommandDefinition(
            InsertSql("unnest(@targetIds) as t(id)", "t.id", "null::int", rounds: true) + " on conflict (idempotency_key) do nothing",
            arguments, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The insert of a schedule's timers (<see cref="Arguments"/>: <c>@timerTarget</c>, <c>@ats</c>, <c>@kinds</c>, <c>@steps</c>,
    /// and <c>@cycleId</c>) for every row of <paramref name="rows"/>, to embed in a set-based statement (a CTE over the tasks it opens).
    /// </summary>
    public static string InsertSql(string rows, string targetId, string stage, string? where = null, bool rounds = false) =>
        $"""
        insert into timer (due_at, kind, target_kind, target_id, cycle_id, stage, step, idempotency_key)
        select s.at, s.kind, @timerTarget, {targetId}, @cycleId, {stage}, s.step, {TimerKeys.Sql("@timerTarget", targetId, "s.kind", "s.step", rounds ? "@round" : null)}
        from {rows} cross join unnest(@ats, @kinds, @steps) as s(at, kind, step)
        {where}
        """;

    /// <summary>The arguments of <see cref="InsertSql"/> for <paramref name="timers"/>, added to the statement's own.</summary>
    public static DynamicParameters Arguments(string targetKind, IReadOnlyList<(DateTimeOffset At, string Kind, int Step)> timers, object statement)
    {
        var arguments = new DynamicParameters(statement);
        arguments.AddDynamicParams(new
        {
            timerTarget = targetKind,
            ats = timers.Select(t => t.At.ToUniversalTime()).ToArray(),
            kinds = timers.Select(t => t.Kind).ToArray(),
            steps = timers.Select(t => t.Step).ToArray(),
        });
        return arguments;
    }

    /// <summary>The idempotency key of a target's timer (<see cref="TimerKeys.Key"/>).</summary>
    public static string Key(string targetKind, long targetId, string kind, int step, string? occasion = null) =>
        TimerKeys.Key(targetKind, targetId, kind, step, occasion);

    /// <summary>
    /// One timer of its own, outside a deadline schedule (a point's visit reminder). <paramref name="occasion"/>
    /// tells its runs apart when the same step comes round again after the earlier one was cancelled.
    /// </summary>
    public static Task ScheduleOnceAsync(
        NpgsqlTransaction tx, string targetKind, long targetId, string kind, int step, DateTimeOffset at, string? occasion, CancellationToken ct) =>
        InsertOneAsync(tx, new { at = at.ToUniversalTime(), kind, targetKind, targetId, cycleId = (long?)null, stage = (int?)null, step = (int?)step,
            key = TimerKeys.Key(targetKind, targetId, kind, step, occasion) }, ct);

    /// <summary>The timer that opens a later <paramref name="stage"/> of a cycle at <paramref name="at"/>.</summary>
    public static Task ScheduleStageOpenAsync(NpgsqlTransaction tx, long cycleId, int stage, DateTimeOffset at, CancellationToken ct) =>
        InsertOneAsync(tx, new { at = at.ToUniversalTime(), kind = TimerKinds.StageOpen, targetKind = TimerTargets.Stage, targetId = cycleId, cycleId = (long?)cycleId,
            stage = (int?)stage, step = (int?)null, key = TimerKeys.StageOpen(cycleId, stage) }, ct);

    static Task InsertOneAsync(NpgsqlTransaction tx, object row, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into timer (due_at, kind, target_kind, target_id, cycle_id, stage, step, idempotency_key)
            values (@at, @kind, @targetKind, @targetId, @cycleId, @stage, @step, @key)
            on conflict (idempotency_key) do nothing
            """, row, tx, cancellationToken: ct));

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
