using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Clock;

static class ClockServices
{
    /// <summary>Advancing a simulated clock: occurrences, then timers.</summary>
    internal static IServiceCollection AddClock(this IServiceCollection services)
    {
        // made on first use, which only a simulated clock has: a host on system time has no SimulatedClock to give it,
        // and Development's start-up validation would refuse to start for a type-registered one
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClockAdvancer>(sp));
        return services;
    }
}
