using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, complete enough for a generated client: the bearer scheme,
/// tags with their meaning, every status an operation answers with its schema, and enums that validate. It names
/// no server (a client is pointed at its installation), so the document is the same on every host and
/// <c>docs/openapi.json</c> keeps a copy that the tests compare with the running API.
/// </summary>
static class ApiDocument
{
    public const string Name = "v1";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            o.AddSchemaTransformer<ApiSchemas>();
            o.AddOperationTransformer<ApiOperations>();
            o.AddDocumentTransformer((document, _, _) =>
            {
                Complete(document);
                return Task.CompletedTask;
            });
        });

    static void Complete(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CommunityWorkflows API",
            Version = "1",
            Description = "The accountability and inspection cycles of community Party-building work (社区党建工作责任制). "
                + "JSON is camelCase, instants ISO 8601 with offset, dates YYYY-MM-DD; every error is problem details (application/problem+json). "
                + "Get a token from POST /api/auth/token and send it as `Authorization: Bearer <accessToken>`.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiOperations.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An opaque access token from POST /api/auth/token.",
            },
        };
        document.Tags = ApiTags.All.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }).ToHashSet();
        foreach (var schema in document.Components.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
            WithoutNullMember(schema);
        TemplateSchemas.Add(document);
        var closed = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            foreach (var (mediaType, body) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                if (mediaType.EndsWith("json", StringComparison.Ordinal) && body.Schema is { } schema)
                    Close(schema, document, closed);
    }

    /// <summary>
    /// A request body's objects take no members but their own (an unknown property is 422, see BodyContract), and
    /// the document says so, so that a client finds a misspelt member before the server does.
    /// </summary>
    static void Close(IOpenApiSchema schema, OpenApiDocument document, HashSet<IOpenApiSchema> closed)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var target) == true) Close(target, document, closed);
            return;
        }
        if (schema is not OpenApiSchema own || !closed.Add(own)) return;
        if (own.Properties is { Count: > 0 } properties)
        {
            own.AdditionalPropertiesAllowed = false;
            foreach (var property in properties.Values) Close(property, document, closed);
        }
        if (own.Items is { } items) Close(items, document, closed);
        foreach (var alternative in (own.OneOf ?? []).Concat(own.AnyOf ?? []).Concat(own.AllOf ?? [])) Close(alternative, document, closed);
    }

    /// <summary>
    /// An enum used as nullable comes out listing <c>null</c> among its names while its uses already say
    /// <c>oneOf [null, the enum]</c>: a strict client then refuses every null. The names are the names, and strings.
    /// </summary>
    static void WithoutNullMember(OpenApiSchema schema)
    {
        if (schema.Enum is not { Count: > 0 } names) return;
        schema.Enum = names.Where(n => n is not null && n.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
        // enums are written by name (JsonStringEnumConverter): say so, or a generator reads them as numbers
        schema.Type = JsonSchemaType.String;
    }
}
