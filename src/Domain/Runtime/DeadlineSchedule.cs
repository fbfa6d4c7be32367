using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// A deadline and the timers that go with it, all in absolute time: the same shape for a task, a
/// rectification, a meeting obligation or a liaison-point problem.
/// </summary>
public sealed record DeadlineSchedule(
    DateTimeOffset DueAt,
    IReadOnlyList<DeadlineSchedule.Reminder> Reminders,
    DateTimeOffset OverdueAt,
    IReadOnlyList<DeadlineSchedule.Escalation> Escalations)
{
    public sealed record Reminder(int DaysBefore, DateTimeOffset At);

    public sealed record Escalation(int Step, int AfterWorkdays, string To, DateTimeOffset At);

    public const int NoticeHour = 9;

    /// <summary>
    /// Due by the end of <paramref name="dueDate"/> (China time); reminders at 09:00 so many days before (those
    /// already past at <paramref name="openedAt"/> are dropped); overdue the moment the day ends; escalated at
    /// 09:00 on the n-th working day after the due date.
    /// </summary>
    public static DeadlineSchedule ForDueDate(DateOnly dueDate, ReminderRule reminders, IReadOnlyList<EscalationStep> escalation, DateTimeOffset openedAt, BusinessCalendar calendar)
    {
        var dueAt = ChinaTime.EndOf(dueDate);
        return new DeadlineSchedule(
            dueAt,
            reminders.DaysBefore.Select(d => new Reminder(d, ChinaTime.At(dueDate.AddDays(-d), NoticeHour))).Where(r => r.At > openedAt).ToList(),
            dueAt.AddSeconds(1),
            escalation.Select((e, i) => new Escalation(i + 1, e.AfterWorkdays, e.To, ChinaTime.At(calendar.AddWorkdays(dueDate, e.AfterWorkdays).Date, NoticeHour))).ToList());
    }

    /// <summary>The schedule of a task of <paramref name="stage"/> opened at <paramref name="openedAt"/>, by the stage's due rule.</summary>
    public static DeadlineSchedule ForStage(TemplateDefinition template, StageDefinition stage, DateOnly stageOpensOn, DateTimeOffset openedAt, BusinessCalendar calendar)
    {
        var rules = DeadlineRules.Of(template, stage);
        return ForDueDate(rules.Due!.DueDate(stageOpensOn, ChinaTime.DateOf(openedAt), calendar), rules, openedAt, calendar);
    }

    /// <summary>The schedule of a deadline due on <paramref name="dueDate"/> under <paramref name="rules"/>.</summary>
    public static DeadlineSchedule ForDueDate(DateOnly dueDate, DeadlineRules rules, DateTimeOffset openedAt, BusinessCalendar calendar) =>
        ForDueDate(dueDate, rules.Reminders, rules.Escalation, openedAt, calendar);

    /// <summary>
    /// When a stage opens in a cycle of <paramref name="year"/> launched at <paramref name="launchedAt"/>: on its date
    /// of that year, or at launch — but never before the cycle's year begins, so that a cycle launched ahead (in
    /// December for next year) reckons its dates in its own year.
    /// </summary>
    public static DateTimeOffset StageOpensAt(StageDefinition stage, int year, DateTimeOffset launchedAt)
    {
        var yearStart = ChinaTime.At(new DateOnly(year, 1, 1));
        return stage.OpensOn switch
        {
            OpeningRule.OnDate d => ChinaTime.At(MonthDay.In(year, d.Month, d.Day)),
            _ => launchedAt < yearStart ? yearStart : launchedAt,
        };
    }

    /// <summary>
    /// The timers still to come when the deadline comes back to the assignee at <paramref name="now"/> (a task
    /// returned): reminders yet to fall due; the overdue mark (at once when the deadline has passed); the
    /// escalations yet to come, and of those already past only the latest, at once — the most senior person who
    /// should have heard hears it once.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset At, string Kind, int Step)> TimersFrom(DateTimeOffset now)
    {
        var past = Escalations.LastOrDefault(e => e.At <= now);
        return
        [
            .. Reminders.Where(r => r.At > now).Select(r => (r.At, TimerKinds.Reminder, r.DaysBefore)),
            (OverdueAt > now ? OverdueAt : now, TimerKinds.Overdue, 0),
            .. Escalations.Where(e => e.At > now || e == past).Select(e => (e.At > now ? e.At : now, TimerKinds.Escalation, e.Step)),
        ];
    }

    /// <summary>The timer rows of this schedule: (when, kind, step); a reminder's step is its days before due.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Kind, int Step)> Timers() =>
    [
        .. Reminders.Select(r => (r.At, TimerKinds.Reminder, r.DaysBefore)),
        (OverdueAt, TimerKinds.Overdue, 0),
        .. Escalations.Select(e => (e.At, TimerKinds.Escalation, e.Step)),
    ];
}
