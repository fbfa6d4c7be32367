using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Timers;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Jobs;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;
using CommunityWorkflows.Workflows.Meetings;
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
    /// The one entry point of the engine: the data source, migrations, journal, organisation, accounts, templates, cycles, timers and meetings.
    /// A <see cref="TimeProvider"/>, <see cref="SecurityClock"/> or <see cref="IPasswordHasher{TUser}"/> registered before this call wins over the default.
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
        if (options.Clock == ClockMode.Simulated)
        {
            services.TryAddSingleton(new SimulatedClock(options.SimulatedClockStart ?? DateTimeOffset.UtcNow));
            services.TryAddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatedClock>());
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new SecurityClock(TimeProvider.System));
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(options.ConnectionString).Build());
        services.TryAddSingleton<IPasswordHasher<string>>(new PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = options.PasswordHashIterations })));
        // the core, then each capability with what it owns: services, timer handlers, notice kinds, shipped content;
        // Runtime before Meetings, Assessment and Liaison keeps the inbox's kinds and the timer handlers in their order
        services.AddStore().AddJournal().AddNotifications().AddCommands().AddTimers().AddClock();
        services.AddOrganisation().AddAccounts().AddCalendar().AddDefinitions().AddRuntime()
            .AddMeetings().AddAssessment().AddLiaison().AddEvidence().AddJobs();
        return services;
    }
}
