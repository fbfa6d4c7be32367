using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// Corrects what the schema generator cannot know: instants are written by <see cref="ChinaTimeJsonConverter"/>
/// as ISO 8601 strings (the generator sees only a converter and gives no type).
/// </summary>
sealed class ApiSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }
}
