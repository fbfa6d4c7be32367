using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Timers;

static class TimerServices
{
    /// <summary>The dispatcher, which fires due timers through the handlers the capabilities register.</summary>
    internal static IServiceCollection AddTimers(this IServiceCollection services) =>
        services.AddSingleton<TimerDispatcher>();

    /// <summary>Has the dispatcher fire the timers of <typeparamref name="T"/>'s target kind through it.</summary>
    internal static IServiceCollection AddTimerHandler<T>(this IServiceCollection services) where T : class, ITimerHandler =>
        services.AddSingleton<ITimerHandler, T>();
}
