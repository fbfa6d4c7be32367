using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// A meeting obligation's reminders, deadline and escalations: each tells the people answering for the unit's
/// meetings (or, for an escalation, for the role its step names) — as long as the meeting is not recorded.
/// </summary>
public sealed class MeetingTimers : DeadlineTimerHandler<MeetingTimers.MeetingRow>
{
    public const string Target = TimerTargets.Meeting;

    public override string TargetKind => Target;

    protected override string Table => "meeting";

    public sealed record MeetingRow(long Id, string CadenceKey, long OrgUnitId, string UnitCode, string UnitName, string Title, DateOnly PeriodStart, DateOnly PeriodEnd,
        string Audience, string Escalation, DateTimeOffset DueAt, string Status)
    {
        public string Period => new MeetingPeriod(PeriodStart, PeriodEnd).Label();
    }

    protected override long IdOf(MeetingRow meeting) => meeting.Id;

    protected override string TargetsSql =>
        """
        select m.id, m.cadence_key, m.org_unit_id, u.code as unit_code, u.name as unit_name, m.title, m.period_start, m.period_end,
               m.audience, m.escalation::text as escalation, m.due_at, m.status
        from meeting m join org_unit u on u.id = m.org_unit_id
        where m.id = any(@ids)
        """;

    protected override bool Waits(MeetingRow meeting) => meeting.Status == "Due";

    protected override DateTimeOffset? DueAt(MeetingRow meeting) => meeting.DueAt;

    protected override TimerFiring ReminderFiring(DueTimer timer, MeetingRow meeting) => Firing(timer, meeting, MeetingNotices.Reminder, meeting.Audience,
        MeetingNotices.ReminderSubject(meeting.UnitName, meeting.Title, meeting.Period, meeting.DueAt, timer.Step!.Value));

    protected override TimerFiring OverdueFiring(DueTimer timer, MeetingRow meeting) => Firing(timer, meeting, MeetingNotices.Overdue, meeting.Audience,
        MeetingNotices.OverdueSubject(meeting.UnitName, meeting.Title, meeting.Period, meeting.DueAt));

    protected override TimerFiring EscalationFiring(DueTimer timer, MeetingRow meeting)
    {
        var step = CadenceRow.ReadEscalation(meeting.Escalation)[timer.Step!.Value - 1];
        return Firing(timer, meeting, MeetingNotices.Escalation, step.To,
            MeetingNotices.EscalationSubject(meeting.UnitName, meeting.Title, meeting.Period, meeting.DueAt, step.AfterWorkdays));
    }

    static TimerFiring Firing(DueTimer timer, MeetingRow meeting, string kind, string audience, string subject) => new(
        new Notice(TimerFiring.NoticeKey(timer), kind, subject, meeting.OrgUnitId, audience, MeetingId: meeting.Id),
        new JournalDraft(JournalStreams.Meeting(meeting.Id), kind, $"meeting:{meeting.Id}", new { meeting.UnitCode, period = meeting.Period, audience, step = timer.Step }));
}
