using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Definitions;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// A template version as the API shows it: the canonical definition (every default spelled out) with its
/// <c>version</c> and <c>status</c> beside the key, and who made and published it when at the end.
/// </summary>
static class TemplateVersionDocument
{
    public static JsonObject Of(TemplateVersion v)
    {
        var definition = JsonNode.Parse(TemplateJson.Serialize(v.Definition))!.AsObject();
        var document = new JsonObject
        {
            ["key"] = v.Key,
            ["version"] = v.Version,
            ["status"] = v.Status.ToString(),
        };
        foreach (var (name, node) in definition.ToList())
        {
            definition.Remove(name);
            if (name != "key") document[name] = node;
        }
        document["createdAt"] = v.CreatedAt;
        document["createdBy"] = v.CreatedBy;
        document["updatedAt"] = v.UpdatedAt;
        document["updatedBy"] = v.UpdatedBy;
        document["publishedAt"] = v.PublishedAt;
        document["publishedBy"] = v.PublishedBy;
        return document;
    }
}
