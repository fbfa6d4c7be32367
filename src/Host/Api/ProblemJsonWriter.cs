using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says: a client
/// asking for an .xlsx still gets to read why it got none (the framework's writer gives up, and the error
/// became a 500 with no body).
/// </summary>
sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{problem.Status}";
        problem.Title ??= ReasonPhrases(problem.Status.Value);
        problem.Detail ??= DefaultDetail(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        http.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, json.Value.SerializerOptions, http.RequestAborted);
    }

    /// <summary>What to do about a refusal the framework answers without words of its own.</summary>
    static string? DefaultDetail(int status) => status switch
    {
        400 => "The request could not be read.",
        404 => "There is nothing at this address, or it is outside what you may see.",
        405 => "This address does not take this method.",
        406 => "None of the media types the Accept header asks for can be answered.",
        413 => "The request is larger than this endpoint takes.",
        415 => "The body's media type is not one this endpoint takes: send JSON as application/json (an upload as multipart/form-data).",
        429 => "Too many requests: wait for the time Retry-After gives, then try again.",
        _ => null,
    };

    static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
