using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Host.Api;

/// <summary>An evidence file as it arrived: multipart/form-data, field <c>file</c>, within the size limit.</summary>
sealed record EvidenceUpload(string FileName, byte[] Content)
{
    /// <summary>What the OpenAPI document says of the form field <c>file</c>.</summary>
    public const string FileDescription = "The file: " + Domain.Evidence.EvidenceFile.Accepted + ", recognised by its content; within Limits:MaxEvidenceBytes.";

    /// <summary>The content types an evidence file is served with, beyond <c>application/pdf</c>.</summary>
    public static string[] ContentTypes => [.. Domain.Evidence.EvidenceFile.ContentTypes.Skip(1)];

    /// <summary>The body limit of an upload endpoint: the file plus the multipart envelope around it.</summary>
    public static BodyLimit Limit(long maxBytes) => new(maxBytes + 64 * 1024);

    /// <summary>
    /// Reads the upload once <paramref name="admit"/> has let it in: whether the caller may attach evidence there is
    /// asked before a byte of the body is read (a refusal answers without receiving, unpacking or inspecting the
    /// file). Only a declared length beyond the limit is refused before that, on the header alone.
    /// </summary>
    public static async Task<EvidenceUpload> ReadAsync(HttpContext context, long maxBytes, Func<Task> admit, CancellationToken ct)
    {
        if (context.Request.ContentLength > Limit(maxBytes).Bytes)
            throw TooLarge(maxBytes);
        await admit();
        if (!context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? true)
            throw new BadHttpRequestException(Say.Text("Send the file as multipart/form-data in a field named 'file'.", "请以 multipart/form-data 格式、在名为“file”的字段中上传文件。"), StatusCodes.Status415UnsupportedMediaType);
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw new BadHttpRequestException(Say.Text($"The multipart body cannot be read: {e.Message}", $"无法读取上传内容：{e.Message}"), e);
        }
        var file = form.Files.GetFile("file") ?? throw new RuleViolationException("/file", Say.Text("The multipart body has no field named 'file'.", "上传内容中没有名为“file”的字段。"));
        if (file.Length > maxBytes)
            throw TooLarge(maxBytes);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return new EvidenceUpload(file.FileName, buffer.ToArray());
    }

    static BadHttpRequestException TooLarge(long maxBytes) =>
        new(Say.Text($"Evidence files are limited to {maxBytes / (1024 * 1024)} MiB.", $"佐证材料文件不能超过 {maxBytes / (1024 * 1024)} MiB。"), StatusCodes.Status413PayloadTooLarge);
}
