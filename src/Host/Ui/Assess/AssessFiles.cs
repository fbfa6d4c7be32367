using CommunityWorkflows.Host.Api;
using CommunityWorkflows.Host.Api.OpenApi;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Ui.Assess;

/// <summary>
/// The scoring page's downloads, opened by a plain link in the browser and so authorised by the session cookie (the
/// API under /api takes bearer tokens only): the same queries and the same workbooks as the API's .xlsx endpoints.
/// </summary>
static class AssessFiles
{
    public static void MapAssessFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files/cycles/{id:long}").WithTags("Inspection and assessment");

        files.MapGet("/results.xlsx", async (long id, HttpContext context, AssessmentResults results, CancellationToken ct) =>
            ResultsSheet.File(await results.GetAsync(id, context.Caller(), ct)))
            .ExcludeFromDescription().WithName("DownloadResultsSpreadsheet").Problems(404).ProducesSpreadsheet()
            .WithSummary("The web UI's 导出Excel: the cycle's results as GET /api/cycles/{id}/results.xlsx writes them, for the signed-in session (cookie).");

        files.MapGet("/accountability.xlsx", async (long id, HttpContext context, AssessmentResults results, AccountabilityReport accountability, CancellationToken ct) =>
        {
            var cycle = await results.GetAsync(id, context.Caller(), ct);
            var rows = await accountability.ReportAsync(cycle.Year, cycle.ScopeCode, context.Caller(), ct);
            return AccountabilitySheet.File(cycle.Year, cycle.ScopeCode, rows);
        })
            .ExcludeFromDescription().WithName("DownloadAccountabilitySpreadsheet").Problems(404).ProducesSpreadsheet()
            .WithSummary("The web UI's accountability download: the report of the cycle's year over its scope, as GET /api/accountability.xlsx writes it, for the signed-in session (cookie).");
    }
}
