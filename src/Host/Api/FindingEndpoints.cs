using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Assessment;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class FindingEndpoints
{
    public static void MapFindings(this IEndpointRouteBuilder app)
    {
        var findings = app.MapGroup("/api/cycles/{id:long}/findings").WithTags("Inspection and assessment");

        findings.MapPost("/", async (long id, NewFinding body, HttpContext context, Findings store, CancellationToken ct) =>
        {
            var finding = await store.RecordAsync(id, body, context.Caller(), ct);
            return Results.Created($"/api/cycles/{id}/findings/{finding.Id}", finding);
        })
        .WithName("RecordFinding").Produces<FindingView>(StatusCodes.Status201Created)
        .WithSummary("Record a finding against a participant (Inspector or DistrictAdmin over it): creates its rectification task, due rectifyWithinDays working days later, reviewed in the recorder's role, inspector or districtAdmin (Accept = verified, 销号).");

        findings.MapGet("/", async (long id, string? orgUnitCode, string? status, HttpContext context, Findings store, CancellationToken ct) =>
            await store.ListAsync(id, orgUnitCode, status, context.Caller(), ct))
            .WithName("ListFindings")
            .WithSummary("The cycle's findings in the caller's scope, by unit and status (Open, Rectifying, Verified), with overdue and the rectification task.");

        findings.MapGet("/summary", async (long id, HttpContext context, Findings store, CancellationToken ct) =>
            await store.SummaryAsync(id, context.Caller(), ct))
            .WithName("GetFindingSummary")
            .WithSummary("Open, rectifying, verified and overdue findings over the cycle and per participant.");

        findings.MapGet("/{findingId:long}", async (long id, long findingId, HttpContext context, Findings store, CancellationToken ct) =>
            await store.GetAsync(id, findingId, context.Caller(), ct))
            .WithName("GetFinding")
            .WithSummary("One finding.");
    }
}
