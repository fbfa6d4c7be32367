using CommunityWorkflows.Domain.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Host.Ui.Templates;

/// <summary>The editor's text as the JSON body the API's template endpoints read.</summary>
static class TemplateText
{
    /// <summary>The text as a JSON element; text that is not JSON is a violation at "/" naming where the reader stopped.</summary>
    public static JsonElement Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RuleViolationException("/", Say.Text($"Not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}", $"不是有效的 JSON（第 {e.LineNumber + 1} 行第 {e.BytePositionInLine + 1} 个字符处）。"));
        }
    }

    /// <summary>A small template to start from: one stage, one task with one field, for the streets.</summary>
    public const string Skeleton = """
        {
          "key": "new-template",
          "name": "新考核模板",
          "description": "",
          "participants": { "kind": "Street" },
          "stages": [
            {
              "key": "Report",
              "name": "报送材料",
              "opensOn": "01-01",
              "due": "03-31",
              "tasks": [
                {
                  "key": "report",
                  "title": "报送工作情况",
                  "assignee": "directResponsible",
                  "reviewer": "districtAdmin",
                  "gate": true,
                  "form": [
                    { "key": "summary", "label": "工作情况", "type": "text", "required": true, "maxLength": 5000 }
                  ]
                }
              ]
            }
          ]
        }
        """;
}
