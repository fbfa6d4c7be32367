using CommunityWorkflows.Workflows.Liaison;
using CommunityWorkflows.Workflows.Notifications;

namespace CommunityWorkflows.Host.Ui.Notifications;

/// <summary>The page a notice is about, by the stable addresses UI.md lists: a task, a meeting, a cycle, a liaison point.</summary>
static class NoticeLinks
{
    static readonly HashSet<string> LiaisonKinds = new(StringComparer.Ordinal)
        { ProblemTimers.Reminder, ProblemTimers.Overdue, ProblemTimers.Escalation, VisitDueTimers.Kind };

    /// <summary>The address known from the notice alone; a liaison problem's point is looked up when the notice is opened.</summary>
    public static string Of(NotificationView n) => n switch
    {
        { TaskId: { } task } => $"/tasks/{task}",
        { MeetingId: { } meeting } => $"/meetings/{meeting}",
        { CycleId: { } cycle } => $"/cycles/{cycle}",
        _ when LiaisonKinds.Contains(n.Kind) => "/liaison-points",
        _ => "/notifications",
    };

    public static bool IsLiaisonProblem(NotificationView n) => n.ProblemId is not null && LiaisonKinds.Contains(n.Kind);
}
