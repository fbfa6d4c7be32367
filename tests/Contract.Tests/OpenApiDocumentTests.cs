using CommunityWorkflows.Testing.Host;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CommunityWorkflows.Contract.Tests;

/// <summary>
/// The OpenAPI document is valid, complete and true: the one the host serves is the one kept in
/// <c>docs/openapi.json</c> (from which the test client is generated), it names every endpoint and nothing else,
/// and every operation carries what a generated client needs.
/// </summary>
public class OpenApiDocumentTests(HostFixture host) : IClassFixture<HostFixture>
{
    const string Kept = "docs/openapi.json";

    async Task<JsonObject> ServedAsync() => (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

    static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(op => (op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject())));

    [Fact]
    public async Task The_served_document_is_the_one_kept_in_docs()
    {
        var served = await ServedAsync();
        var kept = JsonNode.Parse(RepositoryFile.Read(Kept))!;
        if (!JsonNode.DeepEquals(served, kept))
        {
            var received = Path.Combine(Path.GetTempPath(), "openapi.received.json");
            await File.WriteAllTextAsync(received, served.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            Assert.Fail($"{Kept} differs from the document the host serves (written to {received}). " +
                "If the change to the API is meant, run: dotnet run --project src/Host -- openapi --output docs/openapi.json");
        }
    }

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1()
    {
        var text = (await ServedAsync()).ToJsonString();
        var settings = new OpenApiReaderSettings();
        var read = OpenApiDocument.Parse(text, "json", settings);

        Assert.Empty(read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet());
        Assert.Empty(errors?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
    }

    [Fact]
    public async Task Every_endpoint_of_the_api_is_documented_and_nothing_else()
    {
        var running = host.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Path: ResponseContract.Template(e.RoutePattern.RawText ?? ""), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path == "/health")
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Path}"))
            .Order().ToList();
        var documented = Operations(await ServedAsync()).Select(o => $"{o.Method} {o.Path}").Order().ToList();

        Assert.Equal(running, documented);
    }

    [Fact]
    public async Task Every_operation_names_itself_its_tag_its_security_its_answers_and_its_problems()
    {
        var document = await ServedAsync();
        var tags = document["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);
        var anonymous = host.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {ResponseContract.Template(e.RoutePattern.RawText ?? "")}"))
            .ToHashSet();
        var faults = new List<string>();
        var ids = new HashSet<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            if ((string?)operation["operationId"] is not { } id || !ids.Add(id)) faults.Add($"{name}: no operationId of its own");
            foreach (var tag in operation["tags"]?.AsArray() ?? [])
                if (!tags.TryGetValue((string)tag!, out var description) || string.IsNullOrWhiteSpace(description)) faults.Add($"{name}: tag '{tag}' is not described");
            var secured = operation["security"] is JsonArray { Count: > 0 };
            if (secured == anonymous.Contains(name)) faults.Add($"{name}: security {(secured ? "required" : "missing")}");
            var responses = operation["responses"]!.AsObject();
            if (secured && !responses.ContainsKey("401")) faults.Add($"{name}: no 401");
            foreach (var (code, response) in responses)
            {
                var content = response!["content"]?.AsObject();
                if (code.StartsWith('2') && code != "204" && (content is null || content.Any(c => c.Value!["schema"] is null)))
                    faults.Add($"{name}: {code} without a schema");
                if (code[0] is '4' or '5' && (string?)content?["application/problem+json"]?["schema"]?["$ref"] != "#/components/schemas/ApiProblem")
                    faults.Add($"{name}: {code} is not an ApiProblem");
            }
        }
        Assert.Empty(faults);
        Assert.True(ids.Count > 75);
    }

    [Fact]
    public async Task An_enum_lists_its_names_and_never_null()
    {
        var schemas = (await ServedAsync())["components"]!["schemas"]!.AsObject();
        var withNull = schemas.Where(s => s.Value!["enum"] is JsonArray names && names.Any(n => n is null)).Select(s => s.Key);
        Assert.Empty(withNull);
        Assert.Equal(["City", "District", "Street"], schemas["LeaderLevel"]!["enum"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task Optional_members_of_a_request_are_not_required_and_unknown_ones_are_refused()
    {
        var schemas = (await ServedAsync())["components"]!["schemas"]!.AsObject();
        var launch = schemas["LaunchBody"]!;
        Assert.Equal(["templateKey", "year", "scopeCode"], launch["required"]!.AsArray().Select(n => (string)n!));
        Assert.False((bool)launch["additionalProperties"]!);
        Assert.Equal(["username"], schemas["SecretaryRequest"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("integer", (string?)launch["properties"]!["year"]!["type"]!.AsArray().First(t => (string?)t != "null"));
    }

    [Fact]
    public async Task A_template_body_is_described_by_the_template_format_itself()
    {
        var document = await ServedAsync();
        var body = document["paths"]!["/api/templates"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("#/components/schemas/TemplateDefinition", (string?)body["$ref"]);
        var format = JsonNode.Parse(CommunityWorkflows.Workflows.Definitions.TemplateSchema.Json)!;
        Assert.Equal(format["required"]!.AsArray().Select(n => (string)n!), document["components"]!["schemas"]!["TemplateDefinition"]!["required"]!.AsArray().Select(n => (string)n!));
        Assert.NotNull(document["components"]!["schemas"]!["TemplateStage"]);
    }

    /// <summary>Commands that take no body: each says what it does by its address alone.</summary>
    static readonly string[] Bodiless =
    [
        "RenewCalendarFeedLink", "SignOutEverywhere", "RevokeToken", "DisableUser", "EnableUser", "UnlockUser", "SignOutUser",
        "PublishResults", "MarkNotificationRead", "MarkAllNotificationsRead", "PublishTemplate",
    ];

    [Fact]
    public async Task Every_request_body_is_a_described_object_and_an_upload_a_binary_file_field()
    {
        var document = await ServedAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        JsonNode Resolve(JsonNode schema) =>
            schema["$ref"] is { } reference ? schemas[((string)reference!).Split('/')[^1]]!
            : schema["oneOf"] is JsonArray choices ? Resolve(choices.Single(c => (string?)c!["type"] != "null")!)
            : schema;

        var commands = Operations(document).Where(o => o.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.Equal(Bodiless.Order(), commands.Where(o => o.Operation["requestBody"] is null).Select(o => (string)o.Operation["operationId"]!).Order());
        foreach (var (method, path, operation) in commands.Where(o => o.Operation["requestBody"] is not null))
            foreach (var (mediaType, content) in operation["requestBody"]!["content"]!.AsObject())
            {
                var schema = Resolve(content!["schema"]!);
                var described = (string?)schema["type"] == "array" ? Resolve(schema["items"]!) : schema;
                Assert.True(described["properties"] is JsonObject { Count: > 0 }, $"{method} {path} ({mediaType}): the body is not a described object");
                if (mediaType != "multipart/form-data") continue;
                Assert.Equal("binary", (string?)described["properties"]!["file"]?["format"]);
                Assert.Contains("file", described["required"]!.AsArray().Select(n => (string?)n));
            }
    }

    [Fact]
    public async Task Docs_api_md_lists_the_same_operations_as_the_document()
    {
        var rows = Regex.Matches(RepositoryFile.Read("docs/api.md"), @"^\| (GET|POST|PUT|DELETE|PATCH) \| `([^`?]+)", RegexOptions.Multiline)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order().ToList();
        var documented = Operations(await ServedAsync()).Select(o => $"{o.Method} {o.Path}").Order().ToList();

        Assert.Equal(documented, rows);
    }
}
