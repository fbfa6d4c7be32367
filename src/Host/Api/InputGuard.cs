using CommunityWorkflows.Domain.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Stops, before any endpoint runs, input that PostgreSQL cannot store or that would be read ambiguously:
/// NUL characters in query parameters (400 naming the parameter), and in JSON or CSV bodies, NUL characters,
/// broken characters and JSON keys given twice (422 naming each place). It also applies an endpoint's own
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
            var errors = mediaType == "text/csv" ? CsvNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) : JsonTextCheck.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (errors.Count > 0)
                throw new RuleViolationException(errors, "The body holds text that cannot be stored; nothing was done.");
        }
        await next(context);
    }

    static IReadOnlyList<FieldError> CsvNul(ReadOnlySpan<byte> csv)
    {
        var at = csv.IndexOf((byte)0);
        if (at < 0) return [];
        var line = csv[..at].Count((byte)'\n') + 1;
        return [new FieldError("/", $"Line {line} holds a NUL character.")];
    }
}
