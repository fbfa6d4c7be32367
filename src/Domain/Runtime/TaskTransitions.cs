namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// The task state machine: every transition a task may take, by name. A task is created Pending (its stage or
/// predecessors have not opened it) or Open; nothing leaves Accepted, and Cancelled is where a cancelled cycle leaves the rest.
/// </summary>
public static class TaskTransitions
{
    /// <summary>Its stage and predecessors let it start: the assignee has it, with a due time.</summary>
    public static TaskTransition Open { get; } = new(nameof(Open), [TaskState.Pending], TaskState.Open);

    /// <summary>The assignee hands it in for review.</summary>
    public static TaskTransition Submit { get; } = new(nameof(Submit), [TaskState.Open, TaskState.Returned], TaskState.Submitted);

    /// <summary>The assignee hands in a task without a reviewer: accepted at once.</summary>
    public static TaskTransition AcceptOnSubmit { get; } = new(nameof(AcceptOnSubmit), [TaskState.Open, TaskState.Returned], TaskState.Accepted);

    /// <summary>The reviewer accepts the submission.</summary>
    public static TaskTransition Accept { get; } = new(nameof(Accept), [TaskState.Submitted], TaskState.Accepted);

    /// <summary>The reviewer returns the submission: with the assignee again, for another attempt.</summary>
    public static TaskTransition Return { get; } = new(nameof(Return), [TaskState.Submitted], TaskState.Returned);

    /// <summary>Its cycle is cancelled: all but accepted work stops (accepted work stays as it was).</summary>
    public static TaskTransition Cancel { get; } = new(nameof(Cancel),
        [TaskState.Pending, TaskState.Open, TaskState.Submitted, TaskState.Returned], TaskState.Cancelled);

    public static IReadOnlyList<TaskTransition> All { get; } = [Open, Submit, AcceptOnSubmit, Accept, Return, Cancel];

    /// <summary>The transitions that may take a task in <paramref name="state"/> somewhere.</summary>
    public static IEnumerable<TaskTransition> From(TaskState state) => All.Where(t => t.CanApply(state));
}
