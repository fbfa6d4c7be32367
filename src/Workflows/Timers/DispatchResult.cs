namespace CommunityWorkflows.Workflows.Timers;

/// <summary>What a dispatch did: timers fired (by kind), timers skipped (their task no longer waited), inbox rows written.</summary>
public sealed record DispatchResult(int Fired, int Skipped, int Notifications, IReadOnlyDictionary<string, int> FiredByKind)
{
    /// <summary>Timers set aside because their handler failed (see the timer's error; re-arm once the cause is fixed).</summary>
    public int Failed { get; init; }

    public static DispatchResult None { get; } = new(0, 0, 0, new Dictionary<string, int>());

    public DispatchResult Plus(DispatchResult other) => new(
        Fired + other.Fired, Skipped + other.Skipped, Notifications + other.Notifications,
        FiredByKind.Concat(other.FiredByKind).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)))
    {
        Failed = Failed + other.Failed,
    };
}
