namespace CommunityWorkflows.Workflows.Clock;

/// <summary>
/// Work that falls due on a schedule of its own (a recurring meeting cadence, ...). When the simulated clock
/// is advanced, every source's occurrences run in time order together with the timers.
/// </summary>
public interface IOccurrenceSource
{
    /// <summary>The earliest instant, not after <paramref name="until"/>, of an occurrence not yet run; null if none.</summary>
    Task<DateTimeOffset?> NextDueAsync(DateTimeOffset until, CancellationToken ct);

    /// <summary>Runs every occurrence due at or before <paramref name="now"/> not yet run (idempotently); returns how many things it opened.</summary>
    Task<int> RunDueAsync(DateTimeOffset now, CancellationToken ct);
}
