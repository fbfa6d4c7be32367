using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Store;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// Opens the meeting obligations of cadence occurrences that have come: for each, in order, one obligation per
/// applicable unit, due at the end of the period, with its reminder, overdue and escalation timers. The work is
/// the same whoever calls it — the cadence's Hangfire recurring job, a second host, a retry, or the simulated
/// clock — and safe to repeat: each occurrence runs in one transaction that holds the cadence row and moves
/// its <c>last_occurrence_at</c> on, and an obligation is unique per cadence, unit and period. Every
/// occurrence missed while no host ran is opened by the next run, once.
/// </summary>
public sealed class MeetingOccurrences(NpgsqlDataSource db, CommandRunner commands, Calendars calendars, TimeProvider clock, ILogger<MeetingOccurrences> logger)
    : IOccurrenceSource
{
    public const string JobPrefix = "meetings:";

    /// <summary>Occurrences one run opens at most; a longer backlog continues on the next run.</summary>
    public const int MaxOccurrencesPerRun = 400;

    /// <summary>The id of the Hangfire recurring job that runs a cadence.</summary>
    public static string JobId(string cadenceKey) => JobPrefix + cadenceKey;

    /// <summary>
    /// The enabled cadences that may have an occurrence due by <paramref name="until"/>: those whose stored next
    /// occurrence has come, and those that never ran or start afresh (theirs moves with the clock). One query on
    /// the <c>meeting_cadence_next</c> index; when nothing is due, no cadence row is read or locked.
    /// </summary>
    const string MayBeDue = """
        select key, cron, time_zone, last_occurrence_at from meeting_cadence
        where enabled and (next_occurrence_at is null or next_occurrence_at <= @until)
        order by key
        """;

    sealed record DueRow(string Key, string Cron, string TimeZone, DateTimeOffset? LastOccurrenceAt)
    {
        public DateTimeOffset? Pending(DateTimeOffset now) => CadenceSchedule.Of(Cron, TimeZone).Pending(LastOccurrenceAt, now);
    }

    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var now = clock.GetUtcNow();
        return (await connection.QueryAsync<DueRow>(new CommandDefinition(MayBeDue, new { until }, cancellationToken: ct)))
            .Select(c => c.Pending(now))
            .Where(p => p is not null && p <= until)
            .Min();
    }

    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<string> keys;
        await using (var connection = await db.OpenConnectionAsync(ct))
            keys = (await connection.QueryAsync<DueRow>(new CommandDefinition(MayBeDue, new { until = now }, cancellationToken: ct))).Select(c => c.Key).ToList();
        var opened = 0;
        foreach (var key in keys)
            opened += await OpenDueAsync(key, now, ct);
        return opened;
    }

    /// <summary>Whether the cadence has an occurrence at or before <paramref name="now"/> still to open.</summary>
    public async Task<bool> IsBehindAsync(string cadenceKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CadenceRow.FindAsync(connection, null, cadenceKey, forUpdate: false, ct) is { Enabled: true } c && c.Pending(now) <= now;
    }

    /// <summary>Opens every occurrence of the cadence due at or before <paramref name="now"/>; returns the obligations opened.</summary>
    public async Task<int> OpenDueAsync(string cadenceKey, DateTimeOffset now, CancellationToken ct)
    {
        BusinessCalendar? calendar = null;
        var total = 0;
        for (var run = 0; run < MaxOccurrencesPerRun; run++)
        {
            var opened = await commands.RunAsync(MeetingRecords.SystemActor, now, async scope =>
            {
                // a second run (another host, a retry) waits here, then finds the occurrence opened and moves on
                var cadence = await CadenceRow.FindAsync(scope.Connection, scope.Transaction, cadenceKey, forUpdate: true, scope.Cancellation);
                if (cadence is not { Enabled: true } || cadence.Pending(now) is not { } occurrence || occurrence > now)
                {
                    await RememberNextAsync(scope, cadence, now);
                    return (int?)null;
                }
                calendar ??= await calendars.LoadAsync(scope.Cancellation);
                return await OpenAsync(scope, cadence, occurrence, now, calendar);
            }, ct);
            if (opened is not { } count)
                return total;
            total += count;
        }
        logger.LogWarning("Meeting cadence {Key} has more than {Max} occurrences to catch up; the next run continues", cadenceKey, MaxOccurrencesPerRun);
        return total;
    }

    /// <summary>A cadence found with nothing to open keeps its next occurrence, so the next check need not look at it.</summary>
    static async Task RememberNextAsync(CommandScope scope, CadenceRow? cadence, DateTimeOffset now)
    {
        if (cadence is not { Enabled: true, LastOccurrenceAt: not null }) return;
        await scope.ExecuteAsync(
            "update meeting_cadence set next_occurrence_at = @next where key = @key and next_occurrence_at is distinct from @next",
            new { next = cadence.Pending(now), key = cadence.Key });
    }

    async Task<int> OpenAsync(CommandScope scope, CadenceRow cadence, DateTimeOffset occurrence, DateTimeOffset now, BusinessCalendar calendar)
    {
        var period = cadence.Schedule().PeriodOf(occurrence);
        var escalation = cadence.EscalationSteps();
        var schedule = DeadlineSchedule.ForDueDate(period.End, cadence.ReminderDays(), escalation, now, calendar);
        var ids = await scope.QueryAsync<long>(
            """
            insert into meeting (cadence_key, org_unit_id, occurs_at, period_start, period_end, title, audience, escalation, due_at, status, opened_at)
            select @key, u.id, @occurrence, @start, @end, @title, @audience, @escalation::jsonb, @dueAt, 'Due', @now
            from org_unit u
            where u.kind = @kind and (@scope::text is null or u.path like @scope)
              -- a unit owes one meeting of a cadence per day: never a period overlapping one already opened
              and not exists (select 1 from meeting o where o.cadence_key = @key and o.org_unit_id = u.id and o.period_start <= @end and o.period_end >= @start)
            on conflict (cadence_key, org_unit_id, period_start) do nothing
            returning id
            """,
            new
            {
                key = cadence.Key, occurrence, start = period.Start, end = period.End, title = cadence.Name, audience = MeetingOwners.AudienceOf(cadence.Kind),
                escalation = CadenceRow.WriteEscalation(escalation), dueAt = schedule.DueAt, now, kind = cadence.AppliesTo,
                scope = cadence.ScopePath is null ? null : Like.Prefix(cadence.ScopePath),
            });
        await DeadlineTimers.ScheduleAsync(scope.Transaction, MeetingTimers.Target, ids, schedule, cycleId: null, scope.Cancellation);
        await scope.ExecuteAsync(
            "update meeting_cadence set last_occurrence_at = @occurrence, next_occurrence_at = @next where key = @key",
            new { occurrence, next = cadence.Schedule().NextAfter(occurrence), key = cadence.Key });
        // the occurrence in the cadence's stream, and each obligation's opening at the head of its own
        scope.Journal(
        [
            new JournalDraft(JournalStreams.Meetings(cadence.Key), "OccurrenceOpened", period.Label(), new
            {
                occursAt = occurrence, periodStart = period.Start, periodEnd = period.End, dueAt = schedule.DueAt, obligations = ids.Count,
            }),
            .. ids.Select(id => new JournalDraft(JournalStreams.Meeting(id), "MeetingOpened", $"meeting:{id}", new
            {
                cadenceKey = cadence.Key, period = period.Label(), periodStart = period.Start, periodEnd = period.End, dueAt = schedule.DueAt,
            })),
        ]);
        logger.LogInformation("Meeting cadence {Key}: occurrence {Occurrence:O} opened {Count} obligations for {Period}, due {DueAt:O}",
            cadence.Key, occurrence, ids.Count, period.Label(), schedule.DueAt);
        return ids.Count;
    }
}
