using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// The timers of a <see cref="DeadlineSchedule"/> (a task, a meeting obligation, a problem): a reminder, the overdue mark
/// and the escalation steps, each told only while the target still owes its deadline. A reminder that comes after the
/// due time (no dispatcher ran meanwhile) is stale: the Overdue timer tells instead. A fired Overdue timer marks the
/// target's <c>overdue_at</c> (and an Escalation its <c>escalated_at</c>, where the table keeps one).
/// </summary>
public abstract class DeadlineTimerHandler<TTarget> : TimerHandler<TTarget> where TTarget : class
{
    /// <summary>The target's table, whose <c>overdue_at</c> the Overdue timer sets.</summary>
    protected abstract string Table { get; }

    /// <summary>Whether the table keeps <c>escalated_at</c>, set by the first escalation.</summary>
    protected virtual bool MarksEscalation => false;

    /// <summary>The target still owes its deadline.</summary>
    protected abstract bool Waits(TTarget target);

    protected abstract DateTimeOffset? DueAt(TTarget target);

    protected abstract TimerFiring ReminderFiring(DueTimer timer, TTarget target);

    protected abstract TimerFiring OverdueFiring(DueTimer timer, TTarget target);

    protected abstract TimerFiring EscalationFiring(DueTimer timer, TTarget target);

    protected sealed override TimerFiring? Decide(DueTimer timer, TTarget target, DateTimeOffset now)
    {
        if (!Waits(target) || timer.Kind == TimerKinds.Reminder && DueAt(target) < now) return null;
        return timer.Kind switch
        {
            TimerKinds.Reminder => ReminderFiring(timer, target),
            TimerKinds.Overdue => OverdueFiring(timer, target),
            _ => EscalationFiring(timer, target),
        };
    }

    protected override async Task ApplyAsync(NpgsqlTransaction tx, IReadOnlyList<Decided> decided, DateTimeOffset now, CancellationToken ct)
    {
        await MarkAsync(tx, "overdue_at", Fired(decided, TimerKinds.Overdue), now, ct);
        if (MarksEscalation)
            await MarkAsync(tx, "escalated_at", Fired(decided, TimerKinds.Escalation), now, ct);
    }

    static long[] Fired(IReadOnlyList<Decided> decided, string kind) =>
        decided.Where(d => d.Fired && d.Timer.Kind == kind).Select(d => d.Timer.TargetId).ToArray();

    Task MarkAsync(NpgsqlTransaction tx, string column, long[] ids, DateTimeOffset now, CancellationToken ct) =>
        ids.Length == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            $"update {Table} set {column} = coalesce({column}, @now) where id = any(@ids)", new { now, ids }, tx, cancellationToken: ct));
}
