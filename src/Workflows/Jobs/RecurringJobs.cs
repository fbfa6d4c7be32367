using CommunityWorkflows.Domain.Calendar;
using Hangfire;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>
/// The recurring jobs every host declares at start-up. AddOrUpdate is idempotent by job id, so several
/// hosts declaring the same jobs leave one schedule each; cron is read in China time, not UTC.
/// </summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs, ClockMode clock)
    {
        var china = new RecurringJobOptions { TimeZone = ChinaTime.Zone };
        jobs.AddOrUpdate<Housekeeping>(Housekeeping.JobId, h => h.PurgeExpiredTokensAsync(CancellationToken.None), "0 3 * * *", china);
        // under a simulated clock, timers fire when the clock is advanced, in order, and not behind its back
        if (clock == ClockMode.System)
            jobs.AddOrUpdate<TimerJobs>(TimerJobs.JobId, t => t.DispatchAsync(CancellationToken.None), Cron.Minutely(), china);
        else
            jobs.RemoveIfExists(TimerJobs.JobId);
    }
}
