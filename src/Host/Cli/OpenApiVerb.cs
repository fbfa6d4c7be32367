using System.CommandLine;
using CommunityWorkflows.Host.Api.OpenApi;
using CommunityWorkflows.Host.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityWorkflows.Host.Cli;

/// <summary>
/// Writes the OpenAPI document without a database: what <c>docs/openapi.json</c> keeps
/// (<c>dotnet run --project src/Host -- openapi --output docs/openapi.json</c>).
/// </summary>
static class OpenApiVerb
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output." };
        var command = new Command("openapi", "Print the OpenAPI document (JSON), then exit; no database is needed.") { output };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var json = await WriteAsync(parse.UnmatchedTokens, ct);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, json, ct);
            else await Console.Out.WriteAsync(json);
            return 0;
        });
        return command;
    }

    /// <summary>The document as the running host serves it at <c>/openapi/v1.json</c>.</summary>
    public static async Task<string> WriteAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var builder = HostApp.CreateBuilder(["--Hangfire:Server=false", "--Hangfire:Dashboard=false", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", "--Logging:LogLevel:Microsoft=None", "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=None",
            // the key ring is read (and fails on the missing database) at start; its secret only has to exist
            "--Security:KeyRingSecret=openapi-verb-protects-nothing", .. args]);
        // the endpoints are all the document needs: nothing connects to this address
        await using var app = HostApp.Build(builder, "Host=127.0.0.1;Port=1;Database=none");
        await app.StartAsync(ct); // the endpoints are collected when the pipeline is built
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name).GetOpenApiDocumentAsync(ct);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, ct) + "\n";
        await app.StopAsync(ct);
        return json;
    }
}
