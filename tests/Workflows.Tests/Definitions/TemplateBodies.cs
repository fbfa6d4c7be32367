using System.Text.Json;
using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

/// <summary>Template bodies with a fresh key each, and callers in each role that matters here.</summary>
static class TemplateBodies
{
    public static readonly Caller Admin = new(1, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    public static readonly Caller DistrictAdmin = new(2, "district-admin", [new RoleGrant(Role.DistrictAdmin, "D1", "/C/D1/")]);
    public static readonly Caller StreetOfficer = new(3, "street-officer", [new RoleGrant(Role.StreetOfficer, "S1", "/C/D1/S1/")]);

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

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
