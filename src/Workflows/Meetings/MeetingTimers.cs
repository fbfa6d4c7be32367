using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// A meeting obligation's reminders, deadline and escalations: each tells the people answering for the unit's
/// meetings (or, for an escalation, for the role its step names) — as long as the meeting is not recorded.
/// </summary>
public sealed class MeetingTimers : ITimerHandler
{
    public const string Target = "Meeting";

    public string TargetKind => Target;

    sealed record MeetingRow(long Id, string CadenceKey, long OrgUnitId, string UnitCode, string UnitName, string Title, DateOnly PeriodStart, DateOnly PeriodEnd,
        string Audience, string Escalation, DateTimeOffset DueAt, string Status);

    public async Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var meetings = (await connection.QueryAsync<MeetingRow>(new CommandDefinition(
            """
            select m.id, m.cadence_key, m.org_unit_id, u.code as unit_code, u.name as unit_name, m.title, m.period_start, m.period_end,
                   m.audience, m.escalation::text as escalation, m.due_at, m.status
            from meeting m join org_unit u on u.id = m.org_unit_id
            where m.id = any(@ids)
            """, new { ids = timers.Select(t => t.TargetId).Distinct().ToArray() }, tx, cancellationToken: ct))).ToDictionary(m => m.Id);
        var fired = new List<long>();
        var notices = new List<Notice>();
        var entries = new List<JournalDraft>();
        var overdue = new List<long>();
        foreach (var timer in timers)
        {
            if (!meetings.TryGetValue(timer.TargetId, out var meeting) || meeting.Status != "Due")
                continue;
            // a reminder that comes after the due time (no host ran meanwhile) is stale: the Overdue timer tells instead
            if (timer.Kind == "Reminder" && meeting.DueAt < now)
                continue;
            var period = new MeetingPeriod(meeting.PeriodStart, meeting.PeriodEnd).Label();
            var (kind, audience, subject) = timer.Kind switch
            {
                "Reminder" => (MeetingNotices.Reminder, meeting.Audience,
                    MeetingNotices.ReminderSubject(meeting.UnitName, meeting.Title, period, meeting.DueAt, timer.Step!.Value)),
                "Overdue" => (MeetingNotices.Overdue, meeting.Audience, MeetingNotices.OverdueSubject(meeting.UnitName, meeting.Title, period, meeting.DueAt)),
                _ => Escalation(meeting, timer, period),
            };
            notices.Add(new Notice($"timer:{timer.Id}", kind, subject, meeting.OrgUnitId, audience, MeetingId: meeting.Id));
            entries.Add(new(JournalStreams.Meeting(meeting.Id), kind, $"meeting:{meeting.Id}", new { meeting.UnitCode, period, audience, step = timer.Step }));
            if (timer.Kind == "Overdue") overdue.Add(meeting.Id);
            fired.Add(timer.Id);
        }
        if (overdue.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                "update meeting set overdue_at = coalesce(overdue_at, @now) where id = any(@overdue)", new { now, overdue = overdue.ToArray() }, tx, cancellationToken: ct));
        return new TimerEffects(fired, notices, entries);
    }

    static (string Kind, string Audience, string Subject) Escalation(MeetingRow meeting, DueTimer timer, string period)
    {
        var step = CadenceRow.ReadEscalation(meeting.Escalation)[timer.Step!.Value - 1];
        return (MeetingNotices.Escalation, step.To, MeetingNotices.EscalationSubject(meeting.UnitName, meeting.Title, period, meeting.DueAt, step.AfterWorkdays));
    }
}
