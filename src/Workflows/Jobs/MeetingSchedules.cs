using CommunityWorkflows.Workflows.Meetings;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>
/// Keeps one Hangfire recurring job per enabled meeting cadence (<c>meetings:&lt;key&gt;</c>, cron read in the
/// cadence's time zone), matching the database: after every change through the API and at every start, when
/// jobs of cadences removed or disabled meanwhile are removed too. The jobs live in Hangfire's PostgreSQL
/// storage, so they survive restarts; several hosts declaring them leave one schedule each.
/// </summary>
/// <remarks>
/// Misfires are <see cref="MisfireHandlingMode.Relaxed"/> (Hangfire's default, stated here on purpose): after
/// downtime across one or more occurrences, the job runs once, and that run opens every missed occurrence
/// from the cadence's <c>last_occurrence_at</c> in the database. Strict would queue one run per missed
/// occurrence, all but the first finding nothing to do; Ignorable would skip the run, leaving the missed
/// quarter unopened until the next one. A cadence behind at start-up (new, re-enabled, or never run) is also
/// triggered at once rather than waiting for its next occurrence. Under a simulated clock no meeting job is
/// scheduled: the clock's advance runs the occurrences in order with the timers.
/// </remarks>
public sealed class MeetingSchedules(
    IRecurringJobManager jobs, JobStorage storage, MeetingCadences cadences, MeetingOccurrences occurrences,
    CommunityWorkflowsOptions options, TimeProvider clock, ILogger<MeetingSchedules> logger)
{
    public const MisfireHandlingMode Misfire = MisfireHandlingMode.Relaxed;

    /// <summary>At start-up: every enabled cadence has its job, no other <c>meetings:*</c> job remains, and cadences behind run now.</summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        var all = await cadences.ListAsync(ct);
        var wanted = options.Clock == ClockMode.System ? all.Where(c => c.Enabled).Select(c => c.JobId).ToHashSet() : [];
        using (var connection = storage.GetConnection())
            foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(MeetingOccurrences.JobPrefix, StringComparison.Ordinal) && !wanted.Contains(j.Id)))
                jobs.RemoveIfExists(job.Id);
        foreach (var cadence in all.Where(c => wanted.Contains(c.JobId)))
            await ApplyAsync(cadence, ct);
        logger.LogInformation("Meeting cadences scheduled as Hangfire recurring jobs (misfire {Misfire}): {Jobs}",
            Misfire, wanted.Count == 0 ? $"none (clock {options.Clock})" : string.Join(", ", wanted.Order()));
    }

    /// <summary>After a cadence was added or changed: its job added, updated or removed to match, and run now if it is behind.</summary>
    public async Task ApplyAsync(CadenceView cadence, CancellationToken ct)
    {
        if (options.Clock != ClockMode.System || !cadence.Enabled)
        {
            jobs.RemoveIfExists(cadence.JobId);
            return;
        }
        Declare(jobs, cadence);
        if (await occurrences.IsBehindAsync(cadence.Key, clock.GetUtcNow(), ct))
        {
            jobs.Trigger(cadence.JobId);
            logger.LogInformation("Meeting cadence {Key} is behind (an occurrence at or before now is not open); its job was triggered", cadence.Key);
        }
    }

    /// <summary>The recurring job of an enabled cadence: its cron in its time zone, misfires <see cref="Misfire"/>.</summary>
    public static void Declare(IRecurringJobManager jobs, CadenceView cadence)
    {
        var key = cadence.Key;
        jobs.AddOrUpdate<MeetingJobs>(cadence.JobId, j => j.OpenDueAsync(key, CancellationToken.None), cadence.Cron, new RecurringJobOptions
        {
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(cadence.TimeZone),
            MisfireHandling = Misfire,
        });
    }

    /// <summary>After a cadence was removed.</summary>
    public void Remove(string cadenceKey) => jobs.RemoveIfExists(MeetingOccurrences.JobId(cadenceKey));
}
