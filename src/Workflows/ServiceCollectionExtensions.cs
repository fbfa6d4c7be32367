using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Workflows.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommunityWorkflows.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The one entry point of the engine: the data source, migrations, journal, organisation and accounts.
    /// A <see cref="TimeProvider"/> registered before this call wins over the system clock.
    /// </summary>
    public static IServiceCollection AddCommunityWorkflows(this IServiceCollection services, Action<CommunityWorkflowsOptions> configure)
    {
        var options = new CommunityWorkflowsOptions();
        configure(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
            throw new OptionsValidationException(nameof(CommunityWorkflowsOptions), typeof(CommunityWorkflowsOptions), problems);
        DapperSetup.Configure();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(options.ConnectionString).Build());
        services.AddSingleton(new PasswordHasher<string>());
        services.AddSingleton<Migrator>();
        services.AddSingleton<EventJournal>();
        services.AddSingleton<OrgUnits>();
        services.AddSingleton<OrgImport>();
        services.AddSingleton<Users>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Calendars>();
        services.AddTransient<Jobs.Housekeeping>();
        return services;
    }
}
