namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// What a timer does when it fires: the <c>timer.kind</c> column and, for a task, the kind of the notice it writes. The
/// names are stored, so they never change.
/// </summary>
public static class TimerKinds
{
    /// <summary>So many days before a deadline (the step is the days before).</summary>
    public const string Reminder = "Reminder";

    /// <summary>The deadline has passed (step 0).</summary>
    public const string Overdue = "Overdue";

    /// <summary>The n-th escalation step after the deadline (the step counts from 1).</summary>
    public const string Escalation = "Escalation";

    /// <summary>A later stage of a cycle opens.</summary>
    public const string StageOpen = "StageOpen";

    /// <summary>A liaison point has gone too long without a visit (the step counts the periods).</summary>
    public const string VisitDue = "VisitDue";
}
