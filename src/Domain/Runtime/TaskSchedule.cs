using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>A task's deadline and the timers that go with it, all in absolute time.</summary>
public sealed record TaskSchedule(
    DateTimeOffset DueAt,
    IReadOnlyList<TaskSchedule.Reminder> Reminders,
    DateTimeOffset OverdueAt,
    IReadOnlyList<TaskSchedule.Escalation> Escalations)
{
    public sealed record Reminder(int DaysBefore, DateTimeOffset At);

    public sealed record Escalation(int Step, int AfterWorkdays, string To, DateTimeOffset At);

    public const int NoticeHour = 9;

    /// <summary>
    /// The schedule of a task of <paramref name="stage"/> opened at <paramref name="openedAt"/>: due by the end of
    /// the due rule's day; reminders at 09:00 so many days before (those already past are dropped); marked
    /// overdue the moment the day ends; escalated at 09:00 on the n-th working day after the due date.
    /// </summary>
    public static TaskSchedule For(TemplateDefinition template, StageDefinition stage, DateOnly stageOpensOn, DateTimeOffset openedAt, BusinessCalendar calendar)
    {
        var dueDate = stage.Due.DueDate(stageOpensOn, ChinaTime.DateOf(openedAt), calendar);
        var dueAt = ChinaTime.EndOf(dueDate);
        var reminders = (stage.Reminders ?? template.Reminders).DaysBefore
            .Select(d => new Reminder(d, ChinaTime.At(dueDate.AddDays(-d), NoticeHour)))
            .Where(r => r.At > openedAt)
            .ToList();
        var escalations = (stage.Escalation ?? template.Escalation)
            .Select((e, i) => new Escalation(i + 1, e.AfterWorkdays, e.To, ChinaTime.At(calendar.AddWorkdays(dueDate, e.AfterWorkdays).Date, NoticeHour)))
            .ToList();
        return new TaskSchedule(dueAt, reminders, dueAt.AddSeconds(1), escalations);
    }

    /// <summary>When a stage opens in a cycle of <paramref name="year"/> launched at <paramref name="launchedAt"/>.</summary>
    public static DateTimeOffset StageOpensAt(StageDefinition stage, int year, DateTimeOffset launchedAt) => stage.OpensOn switch
    {
        OpeningRule.OnDate d => ChinaTime.At(MonthDay.In(year, d.Month, d.Day)),
        _ => launchedAt,
    };
}
