using CommunityWorkflows.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Definitions;

static class DefinitionServices
{
    /// <summary>Templates, and the shipped ones installed at migration.</summary>
    internal static IServiceCollection AddDefinitions(this IServiceCollection services)
    {
        services.AddSingleton<Templates>();
        services.AddShippedContent<DefaultTemplates>();
        return services;
    }
}
