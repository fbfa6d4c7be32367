using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Notifications;

static class NotificationServices
{
    /// <summary>The notice writer, the inbox and the kinds the capabilities register.</summary>
    internal static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NoticeWriter>();
        services.AddSingleton<NoticeKinds>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<UnreadNotices>();
        return services;
    }

    /// <summary>Makes a capability's notice <paramref name="kinds"/> known to the inbox's filter.</summary>
    internal static IServiceCollection AddNoticeKinds(this IServiceCollection services, params string[] kinds) =>
        services.AddSingleton(new NoticeKindSource(kinds));
}
