using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Assessment;

static class AssessmentServices
{
    /// <summary>Findings, scores, results and their publication; the participants' outcomes cycles list.</summary>
    internal static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddSingleton<Findings>();
        services.AddSingleton<FindingQueries>();
        services.AddSingleton<Scoring>();
        services.AddSingleton<AssessmentResults>();
        services.AddSingleton<IParticipantOutcomes>(sp => sp.GetRequiredService<AssessmentResults>());
        services.AddSingleton<ResultsPublication>();
        services.AddSingleton<AccountabilityReport>();
        services.AddNoticeKinds(AssessmentNotices.FindingKind, AssessmentNotices.ResultsPublishedKind);
        return services;
    }
}
