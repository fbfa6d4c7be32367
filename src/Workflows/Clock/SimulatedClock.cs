namespace CommunityWorkflows.Workflows.Clock;

/// <summary>
/// A clock that stands still until it is moved forward (<c>Clock:Mode=Simulated</c>): tests, demos and
/// benchmarks run a year in seconds with it. It never moves back.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void MoveTo(DateTimeOffset instant)
    {
        if (instant < GetUtcNow())
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"The simulated clock only moves forward (now {GetUtcNow():O}).");
        Interlocked.Exchange(ref utcTicks, instant.UtcTicks);
    }

    public void Advance(TimeSpan by) => MoveTo(GetUtcNow() + by);
}
