using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Meetings;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

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
/// triggered at once rather than waiting for its next occurrence — once, whichever host sees it first. Under a
/// simulated clock no meeting job is scheduled: the clock's advance runs the occurrences in order with the timers.
/// Every sync holds one advisory lock for its transaction and reads the cadences after taking it, so two hosts
/// starting at once, or a start-up meeting a change through the API, take turns: none removes a job another
/// has just declared, none declares a cadence as it was before the latest change.
/// </remarks>
public sealed class MeetingSchedules(
    IRecurringJobManager jobs, JobStorage storage, NpgsqlDataSource db, MeetingCadences cadences, MeetingOccurrences occurrences,
    CommunityWorkflowsOptions options, TimeProvider clock, ILogger<MeetingSchedules> logger)
{
    public const MisfireHandlingMode Misfire = MisfireHandlingMode.Relaxed;

    const long SyncLockKey = 0x4d656574_53796e63; // "MeetSync": the recurring jobs of cadences change one sync at a time

    /// <summary>How often a change Hangfire's own lock on a recurring job kept out is tried.</summary>
    const int Attempts = 3;

    /// <summary>At start-up: every enabled cadence has its job, no other <c>meetings:*</c> job remains, and cadences behind run now.</summary>
    public async Task SyncAllAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var sync = await LockAsync(connection, ct);
        var all = await cadences.ListAsync(ct);
        var wanted = options.Clock == ClockMode.System ? all.Where(c => c.Enabled).Select(c => c.JobId).ToHashSet() : [];
        foreach (var job in RecurringJobs().Where(j => j.Id.StartsWith(MeetingOccurrences.JobPrefix, StringComparison.Ordinal) && !wanted.Contains(j.Id)))
            Change(job.Id, () => jobs.RemoveIfExists(job.Id));
        foreach (var cadence in all.Where(c => wanted.Contains(c.JobId)))
            await DeclareAsync(cadence, ct);
        await sync.CommitAsync(ct);
        logger.LogInformation("Meeting cadences scheduled as Hangfire recurring jobs (misfire {Misfire}): {Jobs}",
            Misfire, wanted.Count == 0 ? $"none (clock {options.Clock})" : string.Join(", ", wanted.Order()));
    }

    /// <summary>
    /// After a cadence was added or changed: its job added, updated or removed to match the cadence as now stored
    /// (not as <paramref name="cadence"/> was read, which a later change may have overtaken), and run now if behind.
    /// </summary>
    public async Task ApplyAsync(CadenceView cadence, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var sync = await LockAsync(connection, ct);
        var stored = await StoredAsync(cadence.Key, ct);
        if (options.Clock != ClockMode.System || stored is not { Enabled: true })
            Change(cadence.JobId, () => jobs.RemoveIfExists(cadence.JobId), afterSave: true);
        else
            await DeclareAsync(stored, ct, afterSave: true);
        await sync.CommitAsync(ct);
    }

    /// <summary>After a cadence was removed.</summary>
    public async Task RemoveAsync(string cadenceKey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var sync = await LockAsync(connection, ct);
        var jobId = MeetingOccurrences.JobId(cadenceKey);
        if (await StoredAsync(cadenceKey, ct) is null)
            Change(jobId, () => jobs.RemoveIfExists(jobId), afterSave: true);
        await sync.CommitAsync(ct);
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

    async Task DeclareAsync(CadenceView cadence, CancellationToken ct, bool afterSave = false)
    {
        Change(cadence.JobId, () => Declare(jobs, cadence), afterSave);
        if (!await occurrences.IsBehindAsync(cadence.Key, clock.GetUtcNow(), ct))
            return;
        // a run already waiting (another host triggered it a moment ago) opens the same occurrences: one is enough
        if (RecurringJobs().SingleOrDefault(j => j.Id == cadence.JobId)?.LastJobState is "Enqueued" or "Scheduled" or "Processing")
            return;
        Change(cadence.JobId, () => jobs.Trigger(cadence.JobId), afterSave);
        logger.LogInformation("Meeting cadence {Key} is behind (an occurrence at or before now is not open); its job was triggered", cadence.Key);
    }

    async Task<CadenceView?> StoredAsync(string key, CancellationToken ct)
    {
        try
        {
            return await cadences.GetAsync(key, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    List<RecurringJobDto> RecurringJobs()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    static async Task<NpgsqlTransaction> LockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"select pg_advisory_xact_lock({SyncLockKey})", transaction: tx, cancellationToken: ct));
        return tx;
    }

    /// <summary>
    /// A change to one recurring job, which Hangfire makes under its own distributed lock on the job (the job
    /// scheduler of a running server takes it too): a lock timeout is tried again, then reported — at start-up as
    /// a warning (the next start or change repairs the job), after an API change as a conflict to retry.
    /// </summary>
    void Change(string jobId, Action change, bool afterSave = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                change();
                return;
            }
            catch (Exception e) when (e is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
            {
                if (attempt < Attempts)
                {
                    logger.LogWarning("Hangfire's lock on recurring job {JobId} timed out (attempt {Attempt} of {Attempts}); trying again", jobId, attempt, Attempts);
                    continue;
                }
                if (afterSave)
                    throw new ConflictException(Say.Text($"The cadence was saved, but its recurring job {jobId} is locked by another host; send the change again to update it.", $"例会规则已保存，但其定时任务 {jobId} 正被另一台服务器锁定；请重新提交以完成更新。"));
                logger.LogWarning(e, "Recurring job {JobId} could not be updated: Hangfire's lock on it timed out {Attempts} times; the next start or cadence change updates it", jobId, Attempts);
                return;
            }
        }
    }
}
