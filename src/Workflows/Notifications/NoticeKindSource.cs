namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>The notice kinds one capability writes, registered by it with <see cref="NotificationServices.AddNoticeKinds"/>.</summary>
public sealed record NoticeKindSource(IReadOnlyList<string> Kinds);
