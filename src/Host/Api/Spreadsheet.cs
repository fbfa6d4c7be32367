using System.Data;
using MiniExcelLibs;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// The one way the API answers with an .xlsx file (MiniExcel): a sheet with the given Chinese headers, one
/// row per item, the headers present even when there are no rows.
/// </summary>
static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most characters an Excel cell holds.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>A sheet column: its header and how to read the cell from an item.</summary>
    public sealed record Column<T>(string Header, Func<T, object?> Value);

    public static byte[] Write<T>(string sheetName, IReadOnlyList<Column<T>> columns, IEnumerable<T> items)
    {
        using var table = new DataTable(sheetName);
        foreach (var header in Headers(columns.Select(c => c.Header)))
            table.Columns.Add(header, typeof(object));
        foreach (var item in items)
            table.Rows.Add(columns.Select(c => c.Value(item) ?? DBNull.Value).ToArray());
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: sheetName);
        return stream.ToArray();
    }

    /// <summary>
    /// The headers, each once: a template may give two indicators the same name, and a sheet's columns are told
    /// apart by their headers, so a repeat is numbered (组织建设（满分50）, 组织建设（满分50）（2）).
    /// </summary>
    public static IReadOnlyList<string> Headers(IEnumerable<string> headers)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // DataTable compares column names without case
        var unique = new List<string>();
        foreach (var header in headers)
        {
            var name = header;
            for (var n = 2; !taken.Add(name); n++)
                name = $"{header}（{n}）";
            unique.Add(name);
        }
        return unique;
    }

    public static IResult File<T>(string fileName, string sheetName, IReadOnlyList<Column<T>> columns, IEnumerable<T> items) =>
        Results.File(Write(sheetName, columns, items), ContentType, fileName);
}
