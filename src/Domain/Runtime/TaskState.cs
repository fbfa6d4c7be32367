namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// Where a task (a bookmark) stands: Pending (its stage or its predecessors have not opened it yet) → Open →
/// Submitted → Accepted, or Returned (open again, with the reviewer's comment). Overdue is not a state:
/// it is computed from the due time, so the real state is never lost.
/// </summary>
public enum TaskState
{
    Pending,
    Open,
    Submitted,
    Returned,
    Accepted,
    Cancelled,
}

public static class TaskStates
{
    /// <summary>The assignee holds the ball: the task can be submitted, and deadlines apply to it.</summary>
    public static bool AwaitsAssignee(this TaskState state) => TaskTransitions.Submit.CanApply(state);

    public static bool IsOverdue(TaskState state, DateTimeOffset? dueAt, DateTimeOffset now) => state.AwaitsAssignee() && dueAt < now;
}
