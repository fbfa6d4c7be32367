using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Journal;

static class JournalServices
{
    /// <summary>The event journal every capability appends to.</summary>
    internal static IServiceCollection AddJournal(this IServiceCollection services)
    {
        services.AddSingleton<EventJournal>();
        return services;
    }
}
