using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>The Chinese subjects people read in their inbox.</summary>
public static class NoticeText
{
    static string Day(DateTimeOffset instant) => ChinaTime.DateOf(instant).ToString("yyyy年M月d日");

    public static string Reminder(string unit, string title, DateTimeOffset dueAt, int daysBefore) =>
        $"【提醒】{unit}「{title}」将于{Day(dueAt)}到期（还有{daysBefore}天），请按时办理。";

    public static string Overdue(string unit, string title, DateTimeOffset dueAt) =>
        $"【逾期】{unit}「{title}」已于{Day(dueAt)}到期，尚未办结。";

    public static string Escalation(string unit, string title, DateTimeOffset dueAt, int workdaysLate) =>
        $"【督办】{unit}「{title}」{Day(dueAt)}到期，已逾期{workdaysLate}个工作日仍未办结，请督促落实。";

    public static string Returned(string unit, string title, string comment) =>
        $"【退回】{unit}「{title}」被退回：{comment}";
}
