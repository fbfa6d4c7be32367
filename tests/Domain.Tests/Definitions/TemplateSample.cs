using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Definitions;

/// <summary>A small valid template to break one rule at a time, and the shipped ones.</summary>
static class TemplateSample
{
    public static JsonObject Minimal() => JsonNode.Parse("""
        {
          "key": "mini",
          "name": "小模板",
          "participants": { "kind": "Street" },
          "stages": [
            {
              "key": "First", "name": "第一阶段", "opensOn": "launch", "due": "+10 workdays",
              "tasks": [
                { "key": "report", "title": "报告", "assignee": "directResponsible", "reviewer": "districtAdmin", "gate": true }
              ]
            },
            {
              "key": "Second", "name": "第二阶段", "opensOn": "06-01", "due": "06-30",
              "tasks": [
                { "key": "check", "title": "检查", "assignee": "inspector", "gate": true },
                { "key": "follow", "title": "跟进", "assignee": "streetOfficer", "after": ["check"] }
              ]
            }
          ]
        }
        """)!.AsObject();

    public static string ShippedText(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", file));

    public static TemplateParseResult Parse(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return TemplateParser.Parse(document.RootElement);
    }

    public static TemplateParseResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TemplateParser.Parse(document.RootElement);
    }

    public static JsonObject Stage(this JsonObject template, int index) => template["stages"]![index]!.AsObject();

    public static JsonObject Task(this JsonObject template, int stage, int task) => template.Stage(stage)["tasks"]![task]!.AsObject();

    /// <summary>Asserts the template is refused with exactly these pointers, in order, and returns the messages.</summary>
    public static IReadOnlyList<string> AssertErrors(this TemplateParseResult result, params string[] pointers)
    {
        Assert.Null(result.Definition);
        Assert.Equal(pointers, result.Errors.Select(e => e.Field));
        return result.Errors.Select(e => e.Message).ToList();
    }

    public static TemplateDefinition AssertValid(this TemplateParseResult result)
    {
        Assert.Empty(result.Errors.Select(e => $"{e.Field}: {e.Message}"));
        return result.Definition!;
    }
}
