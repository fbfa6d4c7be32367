using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Evidence;

static class EvidenceServices
{
    /// <summary>Evidence files of tasks and meetings.</summary>
    internal static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<EvidenceRemoval>();
        return services;
    }
}
