using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Says in the request's own terms why ASP.NET Core could not bind a request: the framework's messages name
/// .NET parameters and types (<c>Failed to bind parameter "int? limit" from "abc".</c>), which a client never
/// sees; the answer names the query parameter, route value or body instead, and the field when it is known.
/// </summary>
static partial class BindingFailure
{
    public sealed record Text(string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

    public static Text Describe(BadHttpRequestException e)
    {
        if (BindPattern().Match(e.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var value = bind.Groups["value"].Value;
            var message = $"'{(value.Length > 60 ? value[..60] + "…" : value)}' is not {Expected(bind.Groups["type"].Value)}.";
            return new($"The parameter '{name}' could not be read: {message}", new Dictionary<string, string[]> { [$"/{name}"] = [message] });
        }
        if (RequiredPattern().Match(e.Message) is { Success: true } required)
        {
            var source = required.Groups["source"].Value;
            if (source == "body") return new(NoBody);
            var name = required.Groups["name"].Value;
            return new($"The parameter '{name}' is required.", new Dictionary<string, string[]> { [$"/{name}"] = ["It is required."] });
        }
        if (e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)) return new(NoBody);
        if (e.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal)) return new("Send the body as application/json.");
        if (e.Message.StartsWith("Expected a supported form media type", StringComparison.Ordinal)) return new("Send the file as multipart/form-data.");
        if (ReadPattern().Match(e.Message) is { Success: true } read)
            return read.Groups["as"].Value == "form" ? new("The form could not be read; send the file as multipart/form-data, field 'file'.")
                : e.InnerException is JsonException json ? Json(json) : new("The body could not be read as JSON.");
        return new(e.Message);
    }

    const string NoBody = "The request needs a JSON body.";

    /// <summary>A JSON syntax error, where it is: the reader's message without .NET type names.</summary>
    public static Text Json(JsonException json)
    {
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        var field = Pointer(json.Path);
        if (!json.Message.Contains("could not be converted", StringComparison.Ordinal) || field is null)
            return new($"The body is not valid JSON{where}: {json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        const string reason = "The value is of the wrong type.";
        return new($"The body could not be read at {field}{where}: {reason}", new Dictionary<string, string[]> { [field] = [reason] });
    }

    /// <summary><c>$.workGroup[0].name</c> → <c>/workGroup/0/name</c>.</summary>
    static string? Pointer(string? path)
    {
        if (path is null) return null;
        var pointer = PathStep().Replace(path.TrimStart('$'), m => "/" + (m.Groups["index"].Success ? m.Groups["index"].Value : m.Groups["name"].Value.Trim('\'')));
        return pointer.Length == 0 ? "/" : pointer;
    }

    static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "decimal" or "double" or "float" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateOnly" => "a date (YYYY-MM-DD)",
        "DateTimeOffset" or "DateTime" => "an instant (ISO 8601)",
        "Guid" => "an identifier",
        _ => "a value of the right kind",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindPattern();

    [GeneratedRegex("""^Required parameter "(?<type>\S+) (?<name>\w+)" was not provided from (?<source>[\w ]+)\.$""")]
    private static partial Regex RequiredPattern();

    [GeneratedRegex("""^Failed to read parameter "(?<type>\S+) (?<name>\w+)" from the request body as (?<as>\w+)\.$""")]
    private static partial Regex ReadPattern();

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\[(?<name>'[^']*')\]""")]
    private static partial Regex PathStep();
}
