using CommunityWorkflows.Workflows.Timers;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>The Hangfire entry point of the timer table: drain every timer that is due now.</summary>
public sealed class TimerJobs(TimerDispatcher dispatcher, TimeProvider clock)
{
    public const string JobId = "timers:dispatch";

    public Task DispatchAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(clock.GetUtcNow(), ct);
}
