using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Text;

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
            var message = Say.Text($"'{(value.Length > 60 ? value[..60] + "…" : value)}' is not {Expected(bind.Groups["type"].Value)}.", $"“{(value.Length > 60 ? value[..60] + "…" : value)}”不是{Expected(bind.Groups["type"].Value)}。");
            return new(Say.Text($"The parameter '{name}' could not be read: {message}", $"无法读取参数“{name}”：{message}"), new Dictionary<string, string[]> { [$"/{name}"] = [message] });
        }
        if (RequiredPattern().Match(e.Message) is { Success: true } required)
        {
            var source = required.Groups["source"].Value;
            if (source == "body") return new(NoBody);
            var name = required.Groups["name"].Value;
            return new(Say.Text($"The parameter '{name}' is required.", $"参数“{name}”为必填项。"), new Dictionary<string, string[]> { [$"/{name}"] = [Say.Text("It is required.", "必填。")] });
        }
        if (e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)) return new(NoBody);
        if (e.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal)) return new(Say.Text("Send the body as application/json.", "请以 application/json 格式发送请求内容。"));
        if (e.Message.StartsWith("Expected a supported form media type", StringComparison.Ordinal)) return new(Say.Text("Send the file as multipart/form-data.", "请以 multipart/form-data 格式上传文件。"));
        if (ReadPattern().Match(e.Message) is { Success: true } read)
            return read.Groups["as"].Value == "form" ? new(Say.Text("The form could not be read; send the file as multipart/form-data, field 'file'.", "无法读取表单；请以 multipart/form-data 格式、在“file”字段中上传文件。"))
                : e.InnerException is JsonException json ? Json(json) : new(Say.Text("The body could not be read as JSON.", "无法将请求内容读取为 JSON。"));
        return new(e.Message);
    }

    static string NoBody => Say.Text("The request needs a JSON body.", "请求须包含 JSON 内容。");

    /// <summary>A JSON syntax error, where it is: the reader's message without .NET type names.</summary>
    public static Text Json(JsonException json)
    {
        var where = json.LineNumber is { } line ? Say.Text($" (line {line + 1}, byte {json.BytePositionInLine + 1})", $"（第 {line + 1} 行，第 {json.BytePositionInLine + 1} 字节）") : "";
        var field = Pointer(json.Path);
        if (!json.Message.Contains("could not be converted", StringComparison.Ordinal) || field is null)
            return new(Say.Text($"The body is not valid JSON{where}: {json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", $"请求内容不是有效的 JSON{where}：{json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}"));
        var reason = Say.Text("The value is of the wrong type.", "值的类型不正确。");
        return new(Say.Text($"The body could not be read at {field}{where}: {reason}", $"无法读取请求内容中的 {field}{where}：{reason}"), new Dictionary<string, string[]> { [field] = [reason] });
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
        "int" or "long" or "short" or "Int32" or "Int64" => Say.Text("a whole number", "整数"),
        "decimal" or "double" or "float" => Say.Text("a number", "数字"),
        "bool" or "Boolean" => Say.Text("true or false", "true 或 false"),
        "DateOnly" => Say.Text("a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
        "DateTimeOffset" or "DateTime" => Say.Text("an instant (ISO 8601)", "时间（ISO 8601）"),
        "Guid" => Say.Text("an identifier", "标识"),
        _ => Say.Text("a value of the right kind", "正确类型的值"),
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
