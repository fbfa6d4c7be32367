using CommunityWorkflows.Workflows.Calendar;
using Hangfire;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>
/// The recurring jobs every host declares at start-up. AddOrUpdate is idempotent by job id, so several
/// hosts declaring the same jobs leave one schedule each; cron is read in China time, not UTC.
/// </summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs)
    {
        var china = new RecurringJobOptions { TimeZone = ChinaTime.Zone };
        jobs.AddOrUpdate<Housekeeping>(Housekeeping.JobId, h => h.PurgeExpiredTokensAsync(CancellationToken.None), "0 3 * * *", china);
    }
}
