using System.Text.Json.Serialization;

namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// The shape of every error the API answers (RFC 9457 problem details, <c>application/problem+json</c>), as the
/// OpenAPI document describes it; a problem may carry more members (an import's <c>rows</c>, a clock's <c>now</c>).
/// </summary>
public sealed class ApiProblem
{
    /// <summary>A URI naming the kind of problem: the RFC 9110 section of the status.</summary>
    public required string Type { get; init; }

    /// <summary>A short summary of the kind of problem.</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong and what to do about it, in words.</summary>
    public string? Detail { get; init; }

    /// <summary>Each field at fault, by JSON pointer into the body (<c>/stages/1/tasks/0/assignee</c>) or <c>/</c> plus the query parameter's name, with its messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The request's trace id, to find it in the host's log.</summary>
    public required string TraceId { get; init; }
}
