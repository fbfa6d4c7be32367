using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Timers;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;
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
        services.AddSingleton<Migrator>();
        services.AddSingleton<EventJournal>();
        services.AddSingleton<Commands.CommandRunner>();
        services.AddSingleton<OrgUnits>();
        services.AddSingleton<OrgImport>();
        services.AddSingleton<Users>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<LoginAttempts>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<FeedTokens>();
        services.AddSingleton<Templates>();
        services.AddSingleton<Calendars>();
        services.AddTransient<Jobs.Housekeeping>();
        services.AddSingleton<CycleDefinitions>();
        services.AddSingleton<CycleLauncher>();
        services.AddSingleton<CycleQueries>();
        services.AddSingleton<CycleBoard>();
        services.AddSingleton<CycleListing>();
        services.AddSingleton<CycleCancellation>();
        services.AddSingleton<TaskActions>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<TaskPages>();
        services.AddSingleton<NoticeWriter>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<UnreadNotices>();
        services.AddSingleton<Profiles>();
        services.AddSingleton<TimerDispatcher>();
        services.AddSingleton<ITimerHandler, StageTimers>();
        services.AddSingleton<ITimerHandler, TaskTimers>();
        services.AddTransient<Jobs.TimerJobs>();
        // made on first use, which only a simulated clock has: a host on system time has no SimulatedClock to give it,
        // and Development's start-up validation would refuse to start for a type-registered one
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClockAdvancer>(sp));
        services.AddSingleton<Evidence.EvidenceStore>();
        services.AddSingleton<Evidence.EvidenceRemoval>();
        services.AddSingleton<Meetings.MeetingCadences>();
        services.AddSingleton<Meetings.MeetingOccurrences>();
        services.AddSingleton<IOccurrenceSource>(sp => sp.GetRequiredService<Meetings.MeetingOccurrences>());
        services.AddSingleton<ITimerHandler, Meetings.MeetingTimers>();
        services.AddSingleton<Meetings.MeetingRecords>();
        services.AddSingleton<Meetings.MeetingQueries>();
        services.AddTransient<Jobs.MeetingJobs>();
        // needs Hangfire's storage and recurring-job manager, which the host adds
        services.AddSingleton<Jobs.MeetingSchedules>();
        services.AddSingleton<Findings>();
        services.AddSingleton<FindingQueries>();
        services.AddSingleton<Scoring>();
        services.AddSingleton<AssessmentResults>();
        services.AddSingleton<ResultsPublication>();
        services.AddSingleton<AccountabilityReport>();
        services.AddSingleton<LiaisonPoints>();
        services.AddSingleton<LiaisonVisits>();
        services.AddSingleton<LiaisonQueries>();
        services.AddSingleton<LiaisonProblems>();
        services.AddSingleton<LiaisonReports>();
        services.AddSingleton<LiaisonDistricts>();
        services.AddSingleton<ITimerHandler, ProblemTimers>();
        services.AddSingleton<ITimerHandler, VisitDueTimers>();
        return services;
    }
}
