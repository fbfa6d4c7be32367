using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Liaison;

static class LiaisonServices
{
    /// <summary>Liaison points, visits and problems, their timers and notice kinds.</summary>
    internal static IServiceCollection AddLiaison(this IServiceCollection services)
    {
        services.AddSingleton<LiaisonPoints>();
        services.AddSingleton<LiaisonVisits>();
        services.AddSingleton<LiaisonQueries>();
        services.AddSingleton<LiaisonProblems>();
        services.AddSingleton<LiaisonReports>();
        services.AddSingleton<LiaisonDistricts>();
        services.AddTimerHandler<ProblemTimers>();
        services.AddTimerHandler<VisitDueTimers>();
        services.AddNoticeKinds(ProblemTimers.Reminder, ProblemTimers.Overdue, ProblemTimers.Escalation, VisitDueTimers.Kind);
        return services;
    }
}
