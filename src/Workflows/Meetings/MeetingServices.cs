using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Store;
using CommunityWorkflows.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Meetings;

static class MeetingServices
{
    /// <summary>Meeting cadences and obligations: their occurrences, timers, notice kinds and shipped cadences.</summary>
    internal static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<MeetingCadences>();
        services.AddSingleton<MeetingOccurrences>();
        services.AddSingleton<IOccurrenceSource>(sp => sp.GetRequiredService<MeetingOccurrences>());
        services.AddSingleton<MeetingRecords>();
        services.AddSingleton<MeetingQueries>();
        services.AddTimerHandler<MeetingTimers>();
        services.AddNoticeKinds(MeetingNotices.Reminder, MeetingNotices.Overdue, MeetingNotices.Escalation);
        services.AddShippedContent<DefaultCadences>();
        return services;
    }
}
