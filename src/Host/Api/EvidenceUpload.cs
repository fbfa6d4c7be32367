using CommunityWorkflows.Domain.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace CommunityWorkflows.Host.Api;

/// <summary>An evidence file as it arrived: multipart/form-data, field <c>file</c>, within the size limit.</summary>
sealed record EvidenceUpload(string FileName, byte[] Content)
{
    public static async Task<EvidenceUpload> ReadAsync(HttpContext context, long maxBytes, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 64 * 1024; // the multipart envelope around the file
        if (!context.Request.HasFormContentType)
            throw new BadHttpRequestException("Send the file as multipart/form-data in a field named 'file'.", StatusCodes.Status415UnsupportedMediaType);
        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new RuleViolationException("/file", "The multipart body has no field named 'file'.");
        if (file.Length > maxBytes)
            throw new BadHttpRequestException($"Evidence files are limited to {maxBytes / (1024 * 1024)} MiB.", StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return new EvidenceUpload(file.FileName, buffer.ToArray());
    }
}
