namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>
/// A notice about something at an org unit: to everyone answering for <paramref name="Audience"/> there (by
/// <see cref="Domain.Runtime.Audiences"/>), and to <paramref name="UserIds"/> directly (a leader, an inspector).
/// <paramref name="Key"/> makes it idempotent: the same key never reaches the same person twice.
/// </summary>
public sealed record Notice(
    string Key,
    string Kind,
    string Subject,
    long OrgUnitId,
    string? Audience,
    IReadOnlyList<long>? UserIds = null,
    long? CycleId = null,
    long? TaskId = null,
    long? MeetingId = null,
    long? ProblemId = null);
