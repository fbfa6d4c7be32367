using System.IO.Compression;
using System.Text;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Evidence;

/// <summary>Looks inside Office containers (in memory) to tell a real document from another file in the same wrapper.</summary>
static class OfficePackages
{
    const int MaxContentTypesBytes = 256 * 1024;

    /// <summary>
    /// The most entries an Office container may hold. Opening a ZIP reads its whole central directory, one object per
    /// entry, before any entry can be looked up: 20 MB of empty entries is 233,000 of them (+106 MB, 1.3 s). A large
    /// workbook or deck holds a few hundred.
    /// </summary>
    public const int MaxEntries = 10_000;

    /// <summary>The content type of the main part each Office Open XML kind declares in <c>[Content_Types].xml</c>.</summary>
    static readonly Dictionary<string, string> MainParts = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    };

    /// <summary>The streams a legacy Word, Excel or PowerPoint file keeps in its compound file's directory (names in UTF-16).</summary>
    static readonly Dictionary<string, string[]> DocumentStreams = new(StringComparer.OrdinalIgnoreCase)
    {
        [".doc"] = ["WordDocument"],
        [".xls"] = ["Workbook", "Book"],
        [".ppt"] = ["PowerPoint Document"],
    };

    public static bool DeclaresMainPart(byte[] content, string extension)
    {
        if (MayHoldMoreEntriesThan(content, MaxEntries))
            throw new RuleViolationException("/file", Say.Text($"An Office document may hold at most {MaxEntries:N0} parts; this file holds more.", $"Office 文档最多包含 {MaxEntries:N0} 个部件，该文件超出上限。"));
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var types = zip.GetEntry("[Content_Types].xml");
            if (types is null || types.Length > MaxContentTypesBytes) return false;
            using var reader = new StreamReader(types.Open(), Encoding.UTF8);
            return reader.ReadToEnd().Contains(MainParts[extension], StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return false; // not a readable ZIP after all
        }
    }

    /// <summary>
    /// Whether the file has more than <paramref name="limit"/> central-directory headers, counted by their signature
    /// before any ZIP reader walks them. Every entry a reader finds starts with one, so the count is an upper bound
    /// whatever the end record declares (a reader reads on as long as headers follow).
    /// </summary>
    static bool MayHoldMoreEntriesThan(ReadOnlySpan<byte> content, int limit)
    {
        ReadOnlySpan<byte> header = [0x50, 0x4B, 0x01, 0x02];
        var found = 0;
        while (content.IndexOf(header) is var at and >= 0)
        {
            if (++found > limit) return true;
            content = content[(at + header.Length)..];
        }
        return false;
    }

    public static bool HasDocumentStream(byte[] content, string extension) =>
        DocumentStreams[extension].Any(name => content.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name + "\0")) >= 0);
}
