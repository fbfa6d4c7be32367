using System.Text.Json;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Runtime;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class TaskEndpoints
{
    public sealed record SubmitRequest(JsonElement? Data = null, string? Comment = null);

    public sealed record ReviewRequest(string? Decision, string? Comment = null);

    public static void MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks");

        tasks.MapGet("/", async (string? status, bool? overdue, long? cycleId, string? orgUnitCode, int? limit, int? offset,
                HttpContext context, TaskQueries queries, CancellationToken ct) =>
            await queries.ListAsync(new TaskFilter(status, overdue, cycleId, orgUnitCode, limit ?? 500, offset ?? 0), context.Caller(), ct))
            .WithName("ListTasks")
            .WithSummary("Tasks in the caller's scope (not Pending unless asked), by status, overdue, cycle or unit; soonest due first.");

        tasks.MapGet("/{id:long}", async (long id, HttpContext context, TaskQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, context.Caller(), ct))
            .WithName("GetTask")
            .WithSummary("A task with its form, submissions, reviews and evidence, and whether the caller may submit or review it.");

        tasks.MapPost("/{id:long}/submit", async (long id, SubmitRequest request, HttpContext context, TaskActions actions, CancellationToken ct) =>
            await actions.SubmitAsync(id, request.Data, request.Comment, context.Caller(), ct))
            .WithName("SubmitTask")
            .WithSummary("Submit the form (assignee only): Submitted, or Accepted when the task has no reviewer; 409 unless Open or Returned; 422 naming bad fields.");

        tasks.MapPost("/{id:long}/review", async (long id, ReviewRequest request, HttpContext context, TaskActions actions, CancellationToken ct) =>
            await actions.ReviewAsync(id, request.Decision, request.Comment, context.Caller(), ct))
            .WithName("ReviewTask")
            .WithSummary("Accept or Return (with a comment) a submitted task (reviewer only).");
    }
}
