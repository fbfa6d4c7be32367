using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Evidence;
using Microsoft.AspNetCore.Http.Features;

namespace CommunityWorkflows.Host.Api;

static class EvidenceEndpoints
{
    public static void MapEvidence(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var maxBytes = HostSettings.MaxEvidenceBytes(configuration);

        app.MapPost("/api/tasks/{id:long}/evidence", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = maxBytes + 64 * 1024; // the multipart envelope around the file
            if (!context.Request.HasFormContentType)
                throw new BadHttpRequestException("Send the file as multipart/form-data in a field named 'file'.", StatusCodes.Status415UnsupportedMediaType);
            var form = await context.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw new RuleViolationException("/file", "The multipart body has no field named 'file'.");
            if (file.Length > maxBytes)
                throw new BadHttpRequestException($"Evidence files are limited to {maxBytes / (1024 * 1024)} MiB.", StatusCodes.Status413PayloadTooLarge);
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var added = await store.AddAsync(id, file.FileName, buffer.ToArray(), context.Caller(), ct);
            return Results.Created($"/api/evidence/{added.Id}", added);
        })
        .DisableAntiforgery()
        .WithTags("Tasks")
        .WithSummary("Attach a file (PDF, image or Office document) to a task: 413 when too large, 422 when of another kind.");

        app.MapGet("/api/evidence/{id:long}", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            var file = await store.GetAsync(id, context.Caller(), ct);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
            return Results.File(file.Content, file.ContentType, file.FileName);
        })
        .WithTags("Tasks")
        .WithSummary("Download an evidence file, if its task lies in the caller's scope.");
    }
}
