using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CommunityWorkflows.Domain.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Stops, before any endpoint runs, input that PostgreSQL cannot store or that would be read ambiguously:
/// NUL characters in query parameters (400 naming the parameter), and in JSON or CSV bodies, NUL characters,
/// broken characters (bytes that are not UTF-8 in a CSV) and JSON keys given twice (422 naming each place). It also applies an endpoint's own
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
                throw new BadHttpRequestException($"Query parameter '{name}' holds a NUL character.");

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/json" or "text/csv" || mediaType?.EndsWith("+json", StringComparison.Ordinal) == true)
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var errors = mediaType == "text/csv" ? CsvText(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) : JsonTextCheck.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (errors.Count > 0)
                throw new RuleViolationException(errors, "The body holds text that cannot be stored; nothing was done.");
        }
        await next(context);
    }

    /// <summary>The first NUL and the first byte that is not UTF-8 (which a reader would turn into U+FFFD), by line.</summary>
    static List<FieldError> CsvText(ReadOnlySpan<byte> csv)
    {
        var errors = new List<FieldError>();
        var nul = csv.IndexOf((byte)0);
        if (nul >= 0)
            errors.Add(new FieldError("/", $"Line {LineOf(csv, nul)} holds a NUL character."));
        if (!Utf8.IsValid(csv) && FirstInvalidUtf8(csv) is { } broken)
            errors.Add(new FieldError("/", $"Line {LineOf(csv, broken)} holds bytes that are not UTF-8; save the file as UTF-8."));
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
