using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Definitions;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// A template version as the API shows it: the canonical definition (every default spelled out) with its
/// <c>version</c>, <c>status</c> and <c>ownerScopeCode</c> (null: the installation's) beside the key, and who made
/// and published it when at the end.
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
            ["ownerScopeCode"] = v.OwnerScopeCode,
        };
        foreach (var (name, node) in definition.ToList())
        {
            definition.Remove(name);
            if (name != "key") document[name] = node;
        }
        // a JsonNode writes a DateTimeOffset with its own offset, not through the API's China-time converter
        document["createdAt"] = v.CreatedAt.ToChina();
        document["createdBy"] = v.CreatedBy;
        document["updatedAt"] = v.UpdatedAt.ToChina();
        document["updatedBy"] = v.UpdatedBy;
        document["publishedAt"] = v.PublishedAt?.ToChina();
        document["publishedBy"] = v.PublishedBy;
        return document;
    }
}
