namespace CommunityWorkflows.Domain.Evidence;

/// <summary>A kind of file accepted as evidence (佐证材料), recognised by its first bytes, never by what the client says.</summary>
public sealed record EvidenceKind(string ContentType, string Extension);

public static class EvidenceFile
{
    public const int MaxFileNameLength = 120;

    static readonly EvidenceKind Pdf = new("application/pdf", ".pdf");
    static readonly EvidenceKind Png = new("image/png", ".png");
    static readonly EvidenceKind Jpeg = new("image/jpeg", ".jpg");
    static readonly EvidenceKind Gif = new("image/gif", ".gif");
    static readonly EvidenceKind Webp = new("image/webp", ".webp");

    static readonly Dictionary<string, EvidenceKind> OpenXml = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    };

    static readonly Dictionary<string, EvidenceKind> LegacyOffice = new(StringComparer.OrdinalIgnoreCase)
    {
        [".doc"] = new("application/msword", ".doc"),
        [".xls"] = new("application/vnd.ms-excel", ".xls"),
        [".ppt"] = new("application/vnd.ms-powerpoint", ".ppt"),
    };

    public const string Accepted = "PDF, images (PNG, JPEG, GIF, WEBP) and Office documents (Word, Excel, PowerPoint)";

    /// <summary>Every content type an evidence file is stored and served with.</summary>
    public static IReadOnlyList<string> ContentTypes { get; } =
        [Pdf.ContentType, Png.ContentType, Jpeg.ContentType, Gif.ContentType, Webp.ContentType,
         .. OpenXml.Values.Select(k => k.ContentType), .. LegacyOffice.Values.Select(k => k.ContentType)];

    /// <summary>
    /// What the file really is, from its content (and, for Office containers that share a signature with other
    /// formats, the extension the person gave); null when it is nothing accepted. An Office container must hold
    /// the document its extension names: any ZIP renamed .docx, or any compound file renamed .doc (an installer
    /// package is one), is refused. An Office Open XML file of more than <see cref="OfficePackages.MaxEntries"/>
    /// entries is refused on <c>/file</c> before it is opened.
    /// </summary>
    public static EvidenceKind? Recognise(byte[] content, string? fileName)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 16));
        var extension = Path.GetExtension(fileName ?? "");
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return OpenXml.GetValueOrDefault(extension) is { } ooxml && OfficePackages.DeclaresMainPart(content, ooxml.Extension) ? ooxml : null;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return LegacyOffice.GetValueOrDefault(extension) is { } legacy && OfficePackages.HasDocumentStream(content, legacy.Extension) ? legacy : null;
        return null;
    }

    /// <summary>
    /// A file name safe to store and to send back: no directories, no control or reserved characters, not too
    /// long, and ending in the extension of what the file really is.
    /// </summary>
    public static string SafeName(string? given, EvidenceKind kind)
    {
        var name = Path.GetFileNameWithoutExtension((given ?? "").Replace('\\', '/').Split('/')[^1]);
        var kept = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (kept.Length == 0) kept = "evidence";
        if (kept.Length > MaxFileNameLength) kept = kept[..MaxFileNameLength];
        return kept + kind.Extension;
    }
}
