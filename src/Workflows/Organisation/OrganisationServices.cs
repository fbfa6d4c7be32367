using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Organisation;

static class OrganisationServices
{
    /// <summary>Org units: imports and scoped reads.</summary>
    internal static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<OrgUnits>();
        services.AddSingleton<OrgImport>();
        return services;
    }
}
