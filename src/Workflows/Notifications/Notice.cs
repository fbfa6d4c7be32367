namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>
/// A notice to everyone answering for <paramref name="Audience"/> at an instance's participant.
/// <paramref name="Key"/> makes it idempotent: the same key never reaches the same person twice.
/// </summary>
public sealed record Notice(string Key, string Kind, string Subject, long CycleId, long? TaskId, long InstanceId, string Audience);
