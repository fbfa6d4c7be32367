using CommunityWorkflows.Host.Api;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Evidence;

namespace CommunityWorkflows.Host.Ui.Tasks;

/// <summary>
/// Evidence downloads for the pages: the API's read (<see cref="EvidenceStore.GetAsync"/>, scoped the same way, 404 out of
/// scope) under <c>/files</c>, where the session cookie signs the browser in (the API takes bearer tokens only).
/// </summary>
public static class EvidenceDownload
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/files/evidence/{id:long}", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            var file = await store.GetAsync(id, context.Caller(), ct);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
            return Results.File(file.Content, file.ContentType, file.FileName);
        })
        .WithTags("Tasks")
        .WithName("DownloadEvidenceFile")
        .Produces(StatusCodes.Status200OK, null, "application/pdf", EvidenceUpload.ContentTypes)
        .Produces(StatusCodes.Status404NotFound)
        .WithSummary("Download an evidence file from a page (signed in by the session cookie), if its task or meeting lies in the caller's scope.")
        .ExcludeFromDescription(); // a page's link, like /logout: the API document holds the /api paths, which take bearer tokens
}
