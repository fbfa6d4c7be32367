using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>
/// What the template journal keeps of a saved version: the canonical definition with the template's
/// <c>ownerScopeCode</c> beside its key (null for the installation), so the stream tells who could change it.
/// </summary>
static class TemplatePayload
{
    static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(TemplateDefinition definition, string? ownerScopeCode)
    {
        var canonical = JsonNode.Parse(TemplateJson.Serialize(definition))!.AsObject();
        var payload = new JsonObject { ["key"] = definition.Key, ["ownerScopeCode"] = ownerScopeCode };
        foreach (var (name, node) in canonical.ToList())
        {
            canonical.Remove(name);
            if (name != "key") payload[name] = node;
        }
        return payload.ToJsonString(Written);
    }
}
