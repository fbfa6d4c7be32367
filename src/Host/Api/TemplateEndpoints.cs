using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Definitions;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class TemplateEndpoints
{
    public static void MapTemplates(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/templates").WithTags("Templates");

        templates.MapGet("/schema", () => Results.Text(TemplateSchema.Json, "application/schema+json"))
            .AllowAnonymous()
            .WithName("GetTemplateSchema").Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .WithSummary("The JSON Schema (draft 2020-12) of a template definition; the server checks more rules than a schema can.");

        templates.MapPost("/", async (HttpContext context, Templates store, CancellationToken ct) =>
        {
            var created = await store.CreateAsync(await JsonBodyReader.ReadAsync(context.Request, ct), context.Caller(), ct);
            return Results.Created($"/api/templates/{created.Key}/versions/{created.Version}", created);
        })
        .Accepts<JsonElement>("application/json")
        .Produces<TemplateVersionRef>(StatusCodes.Status201Created)
        .WithName("CreateTemplate")
        .WithSummary("Create a template as draft version 1, owned by ownerScopeCode (left out: the installation for a SystemAdmin, else the DistrictAdmin's unit); 403 unless the caller administers that owner; 409 when the key exists; 422 names every broken rule by JSON pointer.");

        templates.MapPut("/{key}/draft", async (string key, HttpContext context, Templates store, CancellationToken ct) =>
            await store.ReplaceDraftAsync(key, await JsonBodyReader.ReadAsync(context.Request, ct), context.Caller(), ct))
        .Accepts<JsonElement>("application/json")
        .WithName("ReplaceTemplateDraft").Produces<TemplateVersionRef>()
        .WithSummary("Replace the draft; with none, the body becomes the next version's draft. The body's key must be the route's; the owner never changes; 403 unless the caller administers the template's owner (the installation's: SystemAdmin or a DistrictAdmin of the city).");

        templates.MapPost("/{key}/publish", async (string key, HttpContext context, Templates store, CancellationToken ct) =>
            await store.PublishAsync(key, context.Caller(), ct))
            .WithName("PublishTemplate")
            .WithSummary("Publish the draft; a published version never changes. 409 when there is no draft; 403 unless the caller administers the template's owner.");

        templates.MapGet("/{key}", async (string key, Templates store, CancellationToken ct) =>
            TemplateVersionDocument.Of(await store.GetLatestAsync(key, ct)))
            .Produces<JsonObject>()
            .WithName("GetTemplate")
            .WithSummary("The newest published version, or the draft while nothing is published: the definition with version, status and ownerScopeCode.");

        templates.MapGet("/{key}/versions/{version:int}", async (string key, int version, Templates store, CancellationToken ct) =>
            TemplateVersionDocument.Of(await store.GetVersionAsync(key, version, ct)))
            .Produces<JsonObject>()
            .WithName("GetTemplateVersion")
            .WithSummary("One version of a template, draft or published.");

        templates.MapGet("/", async (Templates store, CancellationToken ct) => await store.ListAsync(ct))
            .WithName("ListTemplates")
            .WithSummary("Every template: key, name and status of the newest version, the published versions and the owner's code.");
    }
}
