namespace CommunityWorkflows.Domain.Liaison;

/// <summary>
/// Where a problem on a liaison point's list (问题清单) stands: Open until it is solved, then Resolved with a
/// note (销号). Overdue is not a state: it is computed from the due date, as for tasks.
/// </summary>
public enum ProblemStatus
{
    Open,
    Resolved,
}
