using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Jobs;

static class JobServices
{
    /// <summary>The Hangfire entry points, thin calls into the capabilities.</summary>
    internal static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddTransient<Housekeeping>();
        services.AddTransient<TimerJobs>();
        services.AddTransient<MeetingJobs>();
        // needs Hangfire's storage and recurring-job manager, which the host adds
        services.AddSingleton<MeetingSchedules>();
        return services;
    }
}
