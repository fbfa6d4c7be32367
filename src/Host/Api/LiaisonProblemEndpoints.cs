using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Liaison;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

/// <summary>The problems of liaison points for the people who own them; a problem is resolved at its point (<c>PUT /api/liaison-points/{id}/problems/{problemId}</c>).</summary>
static class LiaisonProblemEndpoints
{
    public static void MapLiaisonProblems(this IEndpointRouteBuilder app)
    {
        var problems = app.MapGroup("/api/liaison-problems").WithTags("Liaison points");

        problems.MapGet("/", async (string? status, int? limit, int? offset, HttpContext context, LiaisonProblems reads, CancellationToken ct) =>
            await reads.ListAsync(status, LiaisonPage.Of(limit, offset), context.Caller(), ct))
            .WithName("ListLiaisonProblems")
            .WithSummary("The problems the caller answers for as their owner unit's people, sees by scope, or finds at their own points; open first, soonest due first (limit 1-500, default 50; offset).");

        problems.MapGet("/{id:long}", async (long id, HttpContext context, LiaisonProblems reads, CancellationToken ct) =>
            await reads.GetAsync(id, context.Caller(), ct))
            .WithName("GetLiaisonProblem")
            .WithSummary("One problem with its point, owner unit, due date and status, and whether the caller may resolve it.");
    }
}
