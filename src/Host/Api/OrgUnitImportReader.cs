using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Turns an import body (a JSON array of objects, or CSV with a header line) into rows whose values are
/// still text, so that every bad value is reported against its row and field by the validator.
/// </summary>
static class OrgUnitImportReader
{
    public static readonly string[] Fields = ["code", "name", "kind", "parentCode", "partyOrgLevel", "memberCount"];
    static readonly string[] RequiredCsvColumns = ["code", "name", "kind"];

    public static Task<IReadOnlyList<OrgUnitImportRow>> ReadAsync(HttpRequest request, CancellationToken ct) =>
        ReadAsync(request.ContentType, request.Body, ct);

    /// <summary>A body of <paramref name="contentType"/> (application/json or text/csv) read from <paramref name="body"/>, e.g. an uploaded file.</summary>
    public static async Task<IReadOnlyList<OrgUnitImportRow>> ReadAsync(string? contentType, Stream body, CancellationToken ct)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json" => await ReadJsonAsync(body, ct),
            "text/csv" => await ReadCsvAsync(body, ct),
            _ => throw new BadHttpRequestException(Say.Text("Send the org units as application/json (an array) or text/csv (header: code,name,kind,parentCode,partyOrgLevel,memberCount).", "请以 application/json（数组）或 text/csv（标题行：code,name,kind,parentCode,partyOrgLevel,memberCount）格式发送组织单位。"),
                StatusCodes.Status415UnsupportedMediaType),
        };
    }

    static async Task<IReadOnlyList<OrgUnitImportRow>> ReadJsonAsync(Stream body, CancellationToken ct)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(body, cancellationToken: ct); }
        catch (JsonException e) { throw new BadHttpRequestException(Say.Text($"The body is not valid JSON: {e.Message}", $"请求内容不是有效的 JSON：{e.Message}"), e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new RuleViolationException("", Say.Text("Expected a JSON array of org units.", "应为由组织单位组成的 JSON 数组。"));
            var rows = new List<OrgUnitImportRow>();
            var errors = new List<FieldError>();
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                    errors.Add(new FieldError($"/{index}", Say.Text("Expected an object.", "此处应为对象。")));
                else
                {
                    var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in item.EnumerateObject())
                    {
                        var at = $"/{index}/{property.Name}";
                        if (!Fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                            errors.Add(new FieldError(at, Say.Text($"Unknown field '{property.Name}'; expected {string.Join(", ", Fields)}.", $"未知字段“{property.Name}”，应为以下之一：{string.Join(", ", Fields)}。")));
                        else if (values.ContainsKey(property.Name))
                            errors.Add(new FieldError(at, Say.Text($"'{property.Name}' is given twice in one row (names are read in any letter case).", $"同一行中“{property.Name}”出现两次（字段名不区分大小写）。")));
                        else if (JsonValue(property.Name, property.Value) is { } fault)
                            errors.Add(new FieldError(at, fault));
                        else
                            values[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null
                                : property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    }
                    rows.Add(Row(index, null, values));
                }
                index++;
            }
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("Some rows are not shaped like org units; nothing was imported.", "部分行不符合组织单位格式，未导入任何数据。"));
            return rows;
        }
    }

    /// <summary>
    /// The fault of a JSON value for its field, or null: the member count is a number, everything else text, so that
    /// <c>"name": 123</c> never renames a unit to "123" and <c>"memberCount": "31"</c> is not read as a number.
    /// </summary>
    static string? JsonValue(string field, JsonElement value)
    {
        var count = string.Equals(field, "memberCount", StringComparison.OrdinalIgnoreCase);
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number when count => null, // its range and whole-ness are the validator's, reported with the row
            JsonValueKind.String when !count => null,
            _ => count ? Say.Text($"A whole number is expected, found {Kind(value)}.", $"此处应为整数，实际为 {Kind(value)}。") : Say.Text($"A string is expected, found {Kind(value)}.", $"此处应为文本，实际为 {Kind(value)}。"),
        };
    }

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Say.Text("a string", "文本"),
        JsonValueKind.Number => Say.Text("a number", "数字"),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => Say.Text("an array", "数组"),
        _ => Say.Text("an object", "对象"),
    };

    static async Task<IReadOnlyList<OrgUnitImportRow>> ReadCsvAsync(Stream body, CancellationToken ct)
    {
        // strict: a byte that is not UTF-8 fails instead of becoming U+FFFD (InputGuard names its line first)
        using var reader = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        try
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader())
                throw new RuleViolationException("", Say.Text("The CSV is empty; it needs a header line: code,name,kind,parentCode,partyOrgLevel,memberCount.", "CSV 文件为空，须有标题行：code,name,kind,parentCode,partyOrgLevel,memberCount。"));
            var header = csv.HeaderRecord ?? [];
            var unknown = header.Where(h => !Fields.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
            var missing = RequiredCsvColumns.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            var repeated = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (unknown.Count > 0 || missing.Count > 0 || repeated.Count > 0)
                throw new RuleViolationException(
                    unknown.Select(u => new FieldError($"/header/{u}", Say.Text($"Unknown column '{u}'.", $"未知列“{u}”。")))
                        .Concat(missing.Select(m => new FieldError($"/header/{m}", Say.Text($"Column '{m}' is missing.", $"缺少列“{m}”。"))))
                        .Concat(repeated.Select(r => new FieldError($"/header/{r}", Say.Text($"Line 1: column '{r}' is given more than once.", $"第 1 行：列“{r}”重复出现。"))))
                        .ToList(),
                    Say.Text($"The CSV header must name the columns {string.Join(",", Fields)} (the last three optional), each once.", $"CSV 标题行须列出 {string.Join(",", Fields)} 各列（后三列可省略），每列只出现一次。"));
            var rows = new List<OrgUnitImportRow>();
            var longer = new List<FieldError>();
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                if (csv.Parser.Count > header.Length)
                    longer.Add(new FieldError($"/{rows.Count}", Say.Text($"Line {csv.Parser.RawRow}: {csv.Parser.Count} fields under a header of {header.Length}; a field holding a comma is written in double quotes.", $"第 {csv.Parser.RawRow} 行：有 {csv.Parser.Count} 个字段，而标题行只有 {header.Length} 列；含逗号的字段须用英文双引号括起。")));
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Length; i++)
                    values[header[i]] = csv.GetField(i) is { Length: > 0 } v ? v : null;
                rows.Add(Row(rows.Count, csv.Parser.RawRow, values));
            }
            if (longer.Count > 0)
                throw new RuleViolationException(longer, Say.Text("Some lines have more fields than the header names; nothing was imported.", "部分行的字段多于标题行的列数，未导入任何数据。"));
            return rows;
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            throw new RuleViolationException("/", Say.Text("The CSV holds bytes that are not UTF-8; save the file as UTF-8.", "CSV 文件含有非 UTF-8 编码的内容，请将文件另存为 UTF-8 编码。"));
        }
        catch (BadDataException e)
        {
            throw new BadHttpRequestException($"Malformed CSV near line {e.Context?.Parser?.RawRow}: a quoted field is not closed, or a double quote " +
                "stands inside a field that is not quoted (write it doubled, inside quotes: \"a \"\"b\"\" c\").", e);
        }
        catch (CsvHelperException e)
        {
            throw new BadHttpRequestException(Say.Text($"Malformed CSV near line {e.Context?.Parser?.RawRow}: the line cannot be read as comma-separated values.", $"CSV 格式有误（约第 {e.Context?.Parser?.RawRow} 行）：该行无法按逗号分隔读取。"), e);
        }
    }

    static OrgUnitImportRow Row(int index, int? line, Dictionary<string, string?> v) => new(
        index, line, v.GetValueOrDefault("code"), v.GetValueOrDefault("name"), v.GetValueOrDefault("kind"),
        v.GetValueOrDefault("parentCode"), v.GetValueOrDefault("partyOrgLevel"), v.GetValueOrDefault("memberCount"));
}
