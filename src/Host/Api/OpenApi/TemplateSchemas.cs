using System.Text.Json.Nodes;
using CommunityWorkflows.Workflows.Definitions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// The template format (the JSON Schema served at <c>/api/templates/schema</c>) as components of the document, so
/// that a generated client can build a template in its own types: the schema becomes <c>TemplateDefinition</c>,
/// each of its <c>$defs</c> a component of its own (<c>stage</c> → <c>TemplateStage</c>), and the bodies of
/// creating a template and replacing a draft refer to it. The server checks more rules than a schema can (422).
/// </summary>
static class TemplateSchemas
{
    public const string Root = "TemplateDefinition";

    static readonly string[] Bodies = ["CreateTemplate", "ReplaceTemplateDraft"];

    public static void Add(OpenApiDocument document)
    {
        var schema = JsonNode.Parse(TemplateSchema.Json)!.AsObject();
        schema.Remove("$schema");
        schema.Remove("$id");
        var definitions = schema["$defs"]?.AsObject() ?? [];
        schema.Remove("$defs");
        var components = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        components[Root] = Read(schema, document);
        foreach (var (name, definition) in definitions)
            components[ComponentOf(name)] = Read(definition!.AsObject(), document);

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            if (Bodies.Contains(operation.OperationId) && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                body.Schema = new OpenApiSchemaReference(Root, document);
    }

    static string ComponentOf(string definition) => "Template" + char.ToUpperInvariant(definition[0]) + definition[1..];

    static IOpenApiSchema Read(JsonObject schema, OpenApiDocument document)
    {
        var text = schema.ToJsonString();
        foreach (var name in JsonNode.Parse(TemplateSchema.Json)!["$defs"]!.AsObject().Select(d => d.Key))
            text = text.Replace($"\"#/$defs/{name}\"", $"\"#/components/schemas/{ComponentOf(name)}\"", StringComparison.Ordinal);
        return OpenApiModelFactory.Parse<OpenApiSchema>(text, OpenApiSpecVersion.OpenApi3_1, document, out _, "json")
            ?? throw new InvalidOperationException("The template schema could not be read as an OpenAPI schema.");
    }
}
