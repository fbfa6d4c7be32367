using CommunityWorkflows.Host.Hosting.Settings;
using System.Text.Json.Serialization;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Organisation;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class OrgUnitEndpoints
{
    /// <summary>One unit of a JSON import (the document's shape; the import reads every value as text and names each bad one).</summary>
    public sealed record OrgUnitImportItem(string Code, string Name, string Kind, string? ParentCode = null, string? PartyOrgLevel = null, int? MemberCount = null);

    /// <summary><c>username</c> must be sent: a body without it (or with a misspelt key) never clears the secretary; null does.</summary>
    public sealed record SecretaryRequest([property: JsonRequired] string? Username);

    public static void MapOrgUnits(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var units = app.MapGroup("/api/org-units").WithTags("Organisation");

        units.MapPost("/import", async (HttpContext context, OrgImport import, CancellationToken ct) =>
        {
            var rows = await OrgUnitImportReader.ReadAsync(context.Request, ct);
            return Results.Ok(await import.ImportAsync(rows, context.Caller(), ct));
        })
        .Accepts<OrgUnitImportItem[]>("application/json", "text/csv")
        .WithMetadata(new BodyLimit(HostSettings.Read<LimitsSettings>(configuration).MaxImportBytes), new ReadsOwnBody())
        .WithName("ImportOrgUnits").Produces<OrgImportResult>()
        .WithSummary("Upsert org units by code from a JSON array or CSV; any bad row → 422 listing every bad row, nothing written.");

        units.MapGet("/{code}", async (string code, HttpContext context, OrgUnits orgUnits, CancellationToken ct) =>
            await orgUnits.GetAsync(code, context.Caller(), ct))
            .WithName("GetOrgUnit")
            .WithSummary("One org unit with its secretary and the Party organisation level its member count suggests.");

        units.MapGet("/", async (string? parent, string? kind, int? limit, int? offset, HttpContext context, OrgUnits orgUnits, CancellationToken ct) =>
        {
            OrgUnitKind? parsedKind = null;
            if (kind is not null)
                parsedKind = EnumText.TryParse<OrgUnitKind>(kind, out var k)
                    ? k : throw new RuleViolationException("/kind", Say.Text($"Unknown kind '{kind}'; expected one of {EnumText.Expected<OrgUnitKind>()}.", $"未知类型“{kind}”，应为以下之一：{EnumText.Expected<OrgUnitKind>()}。"));
            if (limit is < 1 or > OrgUnits.MaxPageSize)
                throw new RuleViolationException("/limit", Say.Text($"limit must be between 1 and {OrgUnits.MaxPageSize}.", $"每页条数（limit）须在 1 至 {OrgUnits.MaxPageSize} 之间。"));
            if (offset is < 0)
                throw new RuleViolationException("/offset", Say.Text("offset cannot be negative.", "起始位置（offset）不能为负数。"));
            return await orgUnits.ListAsync(parent, parsedKind, limit ?? 1000, offset ?? 0, context.Caller(), ct);
        })
        .WithName("ListOrgUnits").Problems(404)
        .WithSummary("Org units in the caller's scope, by parent and/or kind, ordered by code (limit default 1000).");

        units.MapPut("/{code}/secretary", async (string code, SecretaryRequest request, HttpContext context, OrgUnits orgUnits, CancellationToken ct) =>
        {
            if (request.Username is { } username && string.IsNullOrWhiteSpace(username))
                throw new RuleViolationException("/username", Say.Text("username names a user; send null (or DELETE) to leave the unit without a secretary.", "username 须为用户名；如需清空书记，请发送 null（或使用 DELETE）。"));
            return await orgUnits.SetSecretaryAsync(code, request.Username, context.Caller(), ct);
        })
        .WithName("SetSecretary")
        .WithSummary("Name the unit's secretary: a District's is the FirstResponsible, a Street's the DirectResponsible person; {\"username\": null} clears it.");

        units.MapDelete("/{code}/secretary", async (string code, HttpContext context, OrgUnits orgUnits, CancellationToken ct) =>
            await orgUnits.SetSecretaryAsync(code, null, context.Caller(), ct))
            .WithName("ClearSecretary")
            .WithSummary("Leave the unit without a secretary (as PUT with {\"username\": null}); answers the unit.");
    }
}
