using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// Where a finding stands, read from its rectification task (问题 → 整改 → 销号): Open until the unit first
/// submits what it did; Rectifying while a submission waits for the inspector or was returned; Verified
/// (销号) once the inspector accepts it; Cancelled with its cycle.
/// </summary>
public enum FindingStatus
{
    Open,
    Rectifying,
    Verified,
    Cancelled,
}

public static class FindingStatuses
{
    public static FindingStatus Of(TaskState rectification) => rectification switch
    {
        TaskState.Pending or TaskState.Open => FindingStatus.Open,
        TaskState.Submitted or TaskState.Returned => FindingStatus.Rectifying,
        TaskState.Accepted => FindingStatus.Verified,
        _ => FindingStatus.Cancelled,
    };

    /// <summary>The states of the rectification task that make a finding <paramref name="status"/>.</summary>
    public static IReadOnlyList<TaskState> TaskStatesOf(FindingStatus status) =>
        Enum.GetValues<TaskState>().Where(s => Of(s) == status).ToList();
}
