using System.IO.Compression;
using System.Text;

namespace CommunityWorkflows.Domain.Evidence;

/// <summary>Looks inside Office containers (in memory) to tell a real document from another file in the same wrapper.</summary>
static class OfficePackages
{
    const int MaxContentTypesBytes = 256 * 1024;

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

    public static bool HasDocumentStream(byte[] content, string extension) =>
        DocumentStreams[extension].Any(name => content.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name + "\0")) >= 0);
}
