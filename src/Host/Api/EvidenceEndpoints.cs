using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Evidence;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class EvidenceEndpoints
{
    public static void MapEvidence(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var maxBytes = HostSettings.Read<LimitsSettings>(configuration).MaxEvidenceBytes;

        app.MapPost("/api/tasks/{id:long}/evidence", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            var upload = await EvidenceUpload.ReadAsync(context, maxBytes, () => store.CheckTaskAsync(id, context.Caller(), ct), ct);
            var added = await store.AddAsync(id, upload.FileName, upload.Content, context.Caller(), ct);
            return Results.Created($"/api/evidence/{added.Id}", added);
        })
        .DisableAntiforgery()
        .WithMetadata(EvidenceUpload.Limit(maxBytes))
        .WithTags("Tasks")
        .WithName("AddTaskEvidence").Produces<EvidenceView>(StatusCodes.Status201Created).AcceptsFile("file", EvidenceUpload.FileDescription)
        .WithSummary("Attach a file (PDF, image or Office document) to a task: 413 when too large, 422 when of another kind.");

        app.MapGet("/api/evidence/{id:long}", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            var file = await store.GetAsync(id, context.Caller(), ct);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
            return Results.File(file.Content, file.ContentType, file.FileName);
        })
        .WithTags("Tasks")
        .WithName("GetEvidence").Produces(StatusCodes.Status200OK, null, "application/pdf", EvidenceUpload.ContentTypes)
        .WithSummary("Download an evidence file, if its task lies in the caller's scope.");
    }
}
