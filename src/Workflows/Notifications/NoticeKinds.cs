namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>
/// Every kind a notification can have, as the capabilities registered them (<see cref="NoticeKindSource"/>, in
/// registration order): what <c>GET /api/notifications?kind=</c> accepts.
/// </summary>
public sealed class NoticeKinds(IEnumerable<NoticeKindSource> sources)
{
    // a deadline's reminder, overdue and escalation notices carry their timer's kind (DeadlineSchedule's names);
    // Runtime registers them with Returned, for its tasks
    public const string Reminder = "Reminder";
    public const string Overdue = "Overdue";
    public const string Escalation = "Escalation";
    public const string Returned = "Returned";

    public IReadOnlyList<string> All { get; } = sources.SelectMany(s => s.Kinds).ToList();

    /// <summary>The kind named by <paramref name="text"/> in any letter case, or null.</summary>
    public string? Find(string? text) =>
        All.FirstOrDefault(k => string.Equals(k, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
