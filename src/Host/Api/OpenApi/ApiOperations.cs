using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// Completes each operation with what the framework cannot see: the bearer requirement, the problems the
/// request pipeline answers for every operation of its kind (400 for any, as a NUL in the address is refused anywhere;
/// 401 without a token; 413, 415, 422 for a body;
/// 404 for a path that names a resource; 403 and 409 for a command), every error as
/// <c>application/problem+json</c> with <see cref="ApiProblem"/>, and a multipart file body.
/// </summary>
sealed class ApiOperations : IOpenApiOperationTransformer
{
    public const string ProblemSchema = nameof(ApiProblem);
    public const string BearerScheme = "bearer";

    static readonly Dictionary<int, string> Meanings = new()
    {
        [400] = "Malformed: the body is not JSON, a parameter cannot be read (named in `errors`), or the address holds a NUL.",
        [401] = "No bearer token, or an expired or revoked one.",
        [403] = "The caller's roles do not allow this.",
        [404] = "Unknown, or outside the caller's scope.",
        [409] = "The resource's state does not allow this now (or a concurrent change got in the way; nothing was changed).",
        [413] = "The body is larger than this endpoint takes.",
        [415] = "The body's media type is not one this endpoint takes.",
        [422] = "Valid JSON that breaks a rule: every field at fault is named by JSON pointer in `errors`; nothing was written.",
        [429] = "Too many requests from this address; `Retry-After` says when to try again.",
        [503] = "The database does not answer.",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var command = !HttpMethods.IsGet(description.HttpMethod ?? "GET");
        var file = metadata.OfType<MultipartFile>().LastOrDefault();
        var hasBody = file is not null || metadata.OfType<IAcceptsMetadata>().Any()
            || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form);

        // 400 for all: a NUL anywhere in the address is refused, in a parameter the operation does not read too
        var statuses = new SortedSet<int>(metadata.OfType<ProblemStatuses>().SelectMany(p => p.Codes)) { 400 };
        if (!anonymous)
        {
            statuses.Add(401);
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
        if (hasBody) statuses.UnionWith([400, 413, 415, 422]);
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path)) statuses.Add(404);
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query)) statuses.UnionWith([400, 422]);
        if (command && !anonymous) statuses.UnionWith([403, 409]);

        operation.Responses ??= [];
        foreach (var status in statuses)
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse());
        await DescribeProblemsAsync(operation, context, cancellationToken);
        AddUntypedContent(operation, metadata);
        DescribeFiles(operation);
        if (file is not null)
            operation.RequestBody = FileBody(file);
    }

    static async Task DescribeProblemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var components = context.Document!.Components ??= new OpenApiComponents();
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!components.Schemas.ContainsKey(ProblemSchema))
            components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, ct);
        foreach (var (code, response) in operation.Responses!)
        {
            if (!int.TryParse(code, out var status) || status < 400 || response is not OpenApiResponse problem) continue;
            problem.Description = Meanings.TryGetValue(status, out var meaning) ? meaning : problem.Description;
            problem.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            };
        }
    }

    /// <summary>A <c>Produces</c> with a content type and no type (a spreadsheet, a calendar) adds no content on its own.</summary>
    static void AddUntypedContent(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.Type is null || p.Type == typeof(void)))
        {
            if (produces.StatusCode is < 200 or > 299 or 204 || !produces.ContentTypes.Any()) continue;
            var code = produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses!.TryGetValue(code, out var found) || found is not OpenApiResponse response)
                operation.Responses[code] = response = new OpenApiResponse { Description = "OK" };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in produces.ContentTypes)
                response.Content.TryAdd(contentType, new OpenApiMediaType());
        }
    }

    /// <summary>A successful answer that is not JSON (a spreadsheet, a calendar, a file) is bytes or text, not a JSON schema.</summary>
    static void DescribeFiles(OpenApiOperation operation)
    {
        foreach (var (code, response) in operation.Responses!)
        {
            if (!code.StartsWith('2') || response.Content is not { } content) continue;
            foreach (var (mediaType, body) in content)
                if (mediaType.EndsWith("json", StringComparison.Ordinal))
                    body.Schema ??= new OpenApiSchema { Type = JsonSchemaType.Object };
                else
                    body.Schema = mediaType.StartsWith("text/", StringComparison.Ordinal)
                        ? new OpenApiSchema { Type = JsonSchemaType.String }
                        : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }
    }

    static OpenApiRequestBody FileBody(MultipartFile file) => new()
    {
        Required = true,
        Description = file.Description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { file.Field },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [file.Field] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = file.Description },
                    },
                },
            },
        },
    };
}

/// <summary>Endpoint metadata: problem statuses this operation answers beyond those of its kind (<see cref="ApiOperations"/>).</summary>
sealed record ProblemStatuses(params int[] Codes);
