using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>The notification kinds of meeting obligations and the Chinese subjects people read.</summary>
public static class MeetingNotices
{
    public const string Reminder = "MeetingReminder";
    public const string Overdue = "MeetingOverdue";
    public const string Escalation = "MeetingEscalation";

    static string Day(DateTimeOffset instant) => ChinaTime.DateOf(instant).ToString("yyyy年M月d日");

    public static string ReminderSubject(string unit, string title, string period, DateTimeOffset dueAt, int daysBefore) =>
        $"【例会提醒】{unit}{period}「{title}」须于{Day(dueAt)}前召开并录入会议记录（还有{daysBefore}天）。";

    public static string OverdueSubject(string unit, string title, string period, DateTimeOffset dueAt) =>
        $"【例会逾期】{unit}{period}「{title}」应于{Day(dueAt)}前召开，尚未录入会议记录。";

    public static string EscalationSubject(string unit, string title, string period, DateTimeOffset dueAt, int workdaysLate) =>
        $"【例会督办】{unit}{period}「{title}」应于{Day(dueAt)}前召开，已逾期{workdaysLate}个工作日仍未召开，请督促落实。";
}
