using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CommunityWorkflows.Domain.Errors;
using System.Text.Json;
using CommunityWorkflows.Domain.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Stops, before any endpoint runs, input that PostgreSQL cannot store or that would be read ambiguously:
/// NUL characters in query parameters (400 naming the parameter), and in JSON or CSV bodies, NUL characters,
/// broken characters (bytes that are not UTF-8 in a CSV) and JSON keys given twice (422 naming each place), JSON in another
/// charset than UTF-8 (415), and a JSON
/// body that does not fit the type its endpoint binds (<see cref="BodyContract"/>: unknown or missing properties, wrong types). It also applies an endpoint's own
/// <see cref="BodyLimit"/> before the body is read.
/// </summary>
sealed class InputGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is { } limit
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit.Bytes;

        foreach (var (name, values) in context.Request.Query)
            if (values.Any(v => v?.Contains('\0') == true))
                throw new BadHttpRequestException(Say.Text($"Query parameter '{name}' holds a NUL character.", $"查询参数“{name}”含有 NUL 字符。"));

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/json" or "text/csv" || mediaType?.EndsWith("+json", StringComparison.Ordinal) == true)
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (mediaType == "text/csv")
                Refuse(CsvText(body.Span), Say.Text("The body holds text that cannot be stored; nothing was done.", "请求内容含有无法保存的文本，未作任何处理。"));
            else
            {
                Utf8Only(context.Request);
                if (body.Span.StartsWith(Utf8Bom)) body = body[Utf8Bom.Length..]; // the endpoints' readers skip it too
                Refuse(JsonTextCheck.Check(body.Span), Say.Text("The body holds text that cannot be stored; nothing was done.", "请求内容含有无法保存的文本，未作任何处理。"));
                if (BoundType(context) is { } type)
                    Refuse(Contract(body, type, context), Say.Text("The body does not fit the request's shape; nothing was done.", "请求内容不符合接口要求的格式，未作任何处理。"));
            }
        }
        await next(context);
    }

    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// JSON is UTF-8 (RFC 8259): the checks here read the bytes as UTF-8, so a body the framework would transcode from
    /// another charset would reach the endpoint unchecked (and an unknown charset name failed as a 500). UTF-8 in any
    /// spelling (<c>UTF8</c>, <c>"utf-8"</c>) is read as the bare media type, whose reader knows only one spelling.
    /// </summary>
    static void Utf8Only(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.Charset.HasValue) return;
        var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value ?? "";
        if (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            request.ContentType = type.MediaType.Value;
        else
            throw new BadHttpRequestException(
                Say.Text($"JSON is read as UTF-8 only, and the body says charset={charset}; send it encoded as UTF-8, with charset=utf-8 or no charset.", $"JSON 只按 UTF-8 读取，而请求声明 charset={charset}；请以 UTF-8 编码发送，并声明 charset=utf-8 或不声明字符集。"),
                StatusCodes.Status415UnsupportedMediaType);
    }

    static void Refuse(IReadOnlyList<FieldError> errors, string detail)
    {
        if (errors.Count > 0) throw new RuleViolationException(errors, detail);
    }

    /// <summary>The type the endpoint reads its JSON body as, unless it reads any JSON with a parser of its own.</summary>
    static Type? BoundType(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata && metadata.GetMetadata<ReadsOwnBody>() is null
        && metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type && !BodyContract.IsFreeForm(type) ? type : null;

    static IReadOnlyList<FieldError> Contract(ReadOnlyMemory<byte> body, Type type, HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return []; // malformed: the endpoint's reader answers 400
        }
        using (document)
            return BodyContract.Check(document.RootElement, type, context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
    }

    /// <summary>The first NUL and the first byte that is not UTF-8 (which a reader would turn into U+FFFD), by line.</summary>
    static List<FieldError> CsvText(ReadOnlySpan<byte> csv)
    {
        var errors = new List<FieldError>();
        var nul = csv.IndexOf((byte)0);
        if (nul >= 0)
            errors.Add(new FieldError("/", Say.Text($"Line {LineOf(csv, nul)} holds a NUL character.", $"第 {LineOf(csv, nul)} 行含有 NUL 字符。")));
        if (!Utf8.IsValid(csv) && FirstInvalidUtf8(csv) is { } broken)
            errors.Add(new FieldError("/", Say.Text($"Line {LineOf(csv, broken)} holds bytes that are not UTF-8; save the file as UTF-8.", $"第 {LineOf(csv, broken)} 行含有非 UTF-8 编码的内容，请将文件另存为 UTF-8 编码。")));
        return errors;
    }

    static int LineOf(ReadOnlySpan<byte> text, int at) => text[..at].Count((byte)'\n') + 1;

    static int? FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        for (var at = 0; at < text.Length;)
        {
            if (Rune.DecodeFromUtf8(text[at..], out _, out var consumed) != OperationStatus.Done) return at;
            at += consumed;
        }
        return null;
    }
}
