using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>A claimed timer, handed to the handler of its target kind.</summary>
public sealed record DueTimer(long Id, string Kind, string TargetKind, long TargetId, long? CycleId, int? Stage, int? Step);

/// <summary>
/// What firing a batch of timers did, for the dispatcher to write in the same transaction: the timers that
/// fired (the others are skipped: their target no longer waits), the notices, the journal entries.
/// </summary>
public sealed record TimerEffects(IReadOnlyCollection<long> Fired, IReadOnlyList<Notice> Notices, IReadOnlyList<JournalDraft> Journal);

/// <summary>
/// Fires the timers of one target kind (a stage, a task, a meeting obligation, a problem...); most handlers are a
/// <see cref="TimerHandler{TTarget}"/> (or a <see cref="DeadlineTimerHandler{TTarget}"/>). Called inside
/// the dispatcher's transaction with the batch's rows locked; write the target's own changes through
/// <c>tx</c>, and return the rest.
/// </summary>
public interface ITimerHandler
{
    string TargetKind { get; }

    Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct);
}
