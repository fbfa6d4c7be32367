using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Assessment;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class AccountabilityEndpoints
{
    public static void MapAccountability(this IEndpointRouteBuilder app)
    {
        var report = app.MapGroup("/api").WithTags("Accountability");

        report.MapGet("/accountability", async (int? year, string? scopeCode, HttpContext context, AccountabilityReport accountability, CancellationToken ct) =>
        {
            var rows = await accountability.ReportAsync(year, scopeCode, context.Caller(), ct);
            return context.Request.WantsSpreadsheet() ? AccountabilitySheet.File(year!.Value, scopeCode!, rows) : Results.Ok(rows);
        })
        .WithName("GetAccountability").Problems(404).ProducesJsonOrSpreadsheet<IReadOnlyList<AccountabilityRow>>()
        .WithSummary("Per FirstResponsible and DirectResponsible person in the scope: units, their tasks done and overdue, findings open and verified, published grades; .xlsx with Accept.");

        report.MapGet("/accountability.xlsx", async (int? year, string? scopeCode, HttpContext context, AccountabilityReport accountability, CancellationToken ct) =>
        {
            var rows = await accountability.ReportAsync(year, scopeCode, context.Caller(), ct);
            return AccountabilitySheet.File(year!.Value, scopeCode!, rows);
        })
            .WithName("GetAccountabilitySpreadsheet").Problems(404).ProducesSpreadsheet()
            .WithSummary("The accountability report as a spreadsheet with Chinese headers, one row per responsible person.");
    }
}
