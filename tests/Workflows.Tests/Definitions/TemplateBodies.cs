using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Organisation;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

/// <summary>Template bodies with a fresh key each, and callers in each role that matters here.</summary>
static class TemplateBodies
{
    public static readonly Caller Admin = new(1, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    public static readonly Caller DistrictAdmin = new(2, "district-admin", [new RoleGrant(Role.DistrictAdmin, "D1", "/C/D1/")]);
    public static readonly Caller StreetOfficer = new(3, "street-officer", [new RoleGrant(Role.StreetOfficer, "S1", "/C/D1/S1/")]);

    /// <summary>The units the callers above work at (C, D1, S1), so that a template can belong to D1; an upsert, safe to repeat.</summary>
    public static Task EnsureUnitsAsync(EngineFixture engine) => engine.Get<OrgImport>().ImportAsync(
        [
            new OrgUnitImportRow(0, null, "C", "测试市", "City", null, null, null),
            new OrgUnitImportRow(1, null, "D1", "测试区", "District", "C", null, null),
            new OrgUnitImportRow(2, null, "S1", "测试街道", "Street", "D1", null, null),
        ], Admin, CancellationToken.None);

    public static string NewKey() => "t-" + Guid.NewGuid().ToString("N")[..10];

    public static JsonElement Valid(string key, string name = "测试模板", string due = "06-30") => Parse($$"""
        {
          "key": "{{key}}",
          "name": "{{name}}",
          "participants": { "kind": "Street" },
          "stages": [
            {
              "key": "Only", "name": "唯一阶段", "opensOn": "launch", "due": "{{due}}",
              "tasks": [{ "key": "report", "title": "报告", "assignee": "directResponsible", "reviewer": "districtAdmin", "gate": true }]
            }
          ]
        }
        """);

    /// <summary>A valid template naming <paramref name="owner"/> as its <c>ownerScopeCode</c>.</summary>
    public static JsonElement Owned(string key, string owner, string name = "测试模板")
    {
        var body = JsonNode.Parse(Valid(key, name).GetRawText())!.AsObject();
        body["ownerScopeCode"] = owner;
        return Parse(body.ToJsonString());
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
