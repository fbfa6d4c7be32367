using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Liaison;
using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>Every kind a notification can have: what <c>GET /api/notifications?kind=</c> accepts.</summary>
public static class NoticeKinds
{
    // a task's reminder, deadline and escalation notices carry their timer's kind (DeadlineSchedule's names)
    public const string Reminder = "Reminder";
    public const string Overdue = "Overdue";
    public const string Escalation = "Escalation";
    public const string Returned = "Returned";

    public static readonly IReadOnlyList<string> All =
    [
        Reminder, Overdue, Escalation, Returned,
        MeetingNotices.Reminder, MeetingNotices.Overdue, MeetingNotices.Escalation,
        AssessmentNotices.FindingKind, AssessmentNotices.ResultsPublishedKind,
        ProblemTimers.Reminder, ProblemTimers.Overdue, ProblemTimers.Escalation, VisitDueTimers.Kind,
    ];

    /// <summary>The kind named by <paramref name="text"/> in any letter case, or null.</summary>
    public static string? Find(string? text) =>
        All.FirstOrDefault(k => string.Equals(k, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
