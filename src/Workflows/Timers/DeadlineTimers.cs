using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>Writes the timers of a deadline schedule for one target, idempotently (a key per target, kind and step).</summary>
public static class DeadlineTimers
{
    public static Task ScheduleAsync(NpgsqlTransaction tx, string targetKind, long targetId, DeadlineSchedule schedule, long? cycleId, CancellationToken ct)
    {
        var timers = schedule.Timers();
        return tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into timer (due_at, kind, target_kind, target_id, cycle_id, step, idempotency_key)
            select s.at, s.kind, @targetKind, @targetId, @cycleId, s.step, lower(@targetKind) || ':' || @targetId || ':' || s.kind || ':' || s.step
            from unnest(@ats, @kinds, @steps) as s(at, kind, step)
            on conflict (idempotency_key) do nothing
            """,
            new
            {
                targetKind, targetId, cycleId,
                ats = timers.Select(t => t.At.ToUniversalTime()).ToArray(),
                kinds = timers.Select(t => t.Kind).ToArray(),
                steps = timers.Select(t => t.Step).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>Stops the target's timers that have not fired (its deadline is met or no longer applies).</summary>
    public static Task CancelAsync(NpgsqlTransaction tx, string targetKind, long targetId, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update timer set fired_at = @now, outcome = 'Cancelled' where target_kind = @targetKind and target_id = @targetId and fired_at is null",
            new { targetKind, targetId, now }, tx, cancellationToken: ct));
}
