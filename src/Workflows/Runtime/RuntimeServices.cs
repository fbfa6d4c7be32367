using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Runtime;

static class RuntimeServices
{
    /// <summary>Cycles and tasks, their stage and task timers, and the notice kinds of tasks.</summary>
    internal static IServiceCollection AddRuntime(this IServiceCollection services)
    {
        services.AddSingleton<CycleDefinitions>();
        services.AddSingleton<CycleLauncher>();
        services.AddSingleton<CycleQueries>();
        services.AddSingleton<CycleBoard>();
        services.AddSingleton<CycleListing>();
        services.AddSingleton<CycleCancellation>();
        services.AddSingleton<TaskActions>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<TaskPages>();
        services.AddTimerHandler<StageTimers>();
        services.AddTimerHandler<TaskTimers>();
        services.AddNoticeKinds(NoticeKinds.Reminder, NoticeKinds.Overdue, NoticeKinds.Escalation, NoticeKinds.Returned);
        return services;
    }
}
