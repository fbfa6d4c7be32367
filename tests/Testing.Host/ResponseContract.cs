using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CommunityWorkflows.Testing.Host;

/// <summary>
/// Holds every API response a test host gives to the OpenAPI document the same host serves: the operation is
/// documented, the status is one of its responses, the media type one of that response's, and a JSON body
/// validates against its schema (JSON Schema 2020-12, as OpenAPI 3.1 means it). Whatever a test sends, its
/// answer is checked, so the document cannot drift from the API unnoticed; what breaks the contract is kept in
/// <see cref="Violations"/> and fails the test class that caused it.
/// </summary>
public sealed class ResponseContract(Func<Task<string>> loadDocument)
{
    readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
    readonly ConcurrentDictionary<string, byte> violations = new();
    JsonObject? document;
    string? definitions;

    int checkedResponses;

    /// <summary>How many answers were held to the document (a test that the check runs at all).</summary>
    public int Checked => Volatile.Read(ref checkedResponses);

    public IReadOnlyCollection<string> Violations => violations.Keys.Order(StringComparer.Ordinal).ToList();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && path != "/health" || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        await CheckAsync(context, buffer.ToArray());
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    async Task CheckAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        var mediaType = response.ContentType?.Split(';')[0].Trim();
        var where = $"{context.Request.Method} {context.Request.Path}";
        if (response.StatusCode >= 400 && mediaType != "application/problem+json")
            Violate($"{where} → {response.StatusCode} as '{mediaType}', not application/problem+json");
        if (context.GetEndpoint() is not RouteEndpoint endpoint) return; // no route: answered 404/405 by the pipeline

        document ??= JsonNode.Parse(await loadDocument())!.AsObject();
        var template = Template(endpoint.RoutePattern.RawText ?? "");
        var method = context.Request.Method.ToLowerInvariant();
        if (document["paths"]?[template]?[method] is not JsonObject operation)
        {
            Violate($"{method.ToUpperInvariant()} {template} is not in the document");
            return;
        }
        Interlocked.Increment(ref checkedResponses);
        var code = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var operationName = $"{method.ToUpperInvariant()} {template}";
        if (operation["responses"]?[code] is not JsonObject documented)
        {
            Violate($"{operationName} answered {code}, which it does not document");
            return;
        }
        if (body.Length == 0) return;
        if (mediaType is null || documented["content"]?[mediaType] is not JsonObject content)
        {
            Violate($"{operationName} {code} answered '{mediaType}', which the document does not list");
            return;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || content["schema"] is not JsonNode schemaNode) return;
        var schema = schemas.GetOrAdd($"{operationName} {code} {mediaType}", _ => Compile(schemaNode));
        var results = schema.Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var errors = results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5);
            Violate($"{operationName} {code} body does not fit its schema: {string.Join("; ", errors)}");
        }
    }

    /// <summary>The response's schema on its own, the document's components carried along as <c>$defs</c>.</summary>
    JsonSchema Compile(JsonNode schema)
    {
        definitions ??= document!["components"]?["schemas"]?.ToJsonString() ?? "{}";
        var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{definitions}},"allOf":[{{schema.ToJsonString()}}]}""";
        return JsonSchema.FromText(text.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }

    /// <summary><c>/api/cycles/{id:long}/</c> → <c>/api/cycles/{id}</c>, as the document names paths.</summary>
    public static string Template(string raw)
    {
        var template = System.Text.RegularExpressions.Regex.Replace(raw, @"\{([^}:?]+)[^}]*\}", "{$1}");
        if (!template.StartsWith('/')) template = "/" + template;
        return template.Length > 1 ? template.TrimEnd('/') : template;
    }

    void Violate(string violation) => violations.TryAdd(violation, 0);
}
