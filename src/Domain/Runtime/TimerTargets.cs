namespace CommunityWorkflows.Domain.Runtime;

/// <summary>
/// What a timer is for: the <c>timer.target_kind</c> column, which picks the handler that fires it, and (lower-cased)
/// the first part of its idempotency key. The names are stored, so they never change.
/// </summary>
public static class TimerTargets
{
    public const string Task = "Task";
    public const string Stage = "Stage";
    public const string Meeting = "Meeting";
    public const string Problem = "Problem";
    public const string LiaisonPoint = "LiaisonPoint";
}
