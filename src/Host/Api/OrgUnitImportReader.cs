using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
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
            _ => throw new BadHttpRequestException("Send the org units as application/json (an array) or text/csv (header: code,name,kind,parentCode,partyOrgLevel,memberCount).",
                StatusCodes.Status415UnsupportedMediaType),
        };
    }

    static async Task<IReadOnlyList<OrgUnitImportRow>> ReadJsonAsync(Stream body, CancellationToken ct)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(body, cancellationToken: ct); }
        catch (JsonException e) { throw new BadHttpRequestException($"The body is not valid JSON: {e.Message}", e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new RuleViolationException("", "Expected a JSON array of org units.");
            var rows = new List<OrgUnitImportRow>();
            var errors = new List<FieldError>();
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                    errors.Add(new FieldError($"/{index}", "Expected an object."));
                else
                {
                    var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in item.EnumerateObject())
                    {
                        var at = $"/{index}/{property.Name}";
                        if (!Fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                            errors.Add(new FieldError(at, $"Unknown field '{property.Name}'; expected {string.Join(", ", Fields)}."));
                        else if (values.ContainsKey(property.Name))
                            errors.Add(new FieldError(at, $"'{property.Name}' is given twice in one row (names are read in any letter case)."));
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
                throw new RuleViolationException(errors, "Some rows are not shaped like org units; nothing was imported.");
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
            _ => count ? $"A whole number is expected, found {Kind(value)}." : $"A string is expected, found {Kind(value)}.",
        };
    }

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        _ => "an object",
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
                throw new RuleViolationException("", "The CSV is empty; it needs a header line: code,name,kind,parentCode,partyOrgLevel,memberCount.");
            var header = csv.HeaderRecord ?? [];
            var unknown = header.Where(h => !Fields.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
            var missing = RequiredCsvColumns.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            var repeated = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (unknown.Count > 0 || missing.Count > 0 || repeated.Count > 0)
                throw new RuleViolationException(
                    unknown.Select(u => new FieldError($"/header/{u}", $"Unknown column '{u}'."))
                        .Concat(missing.Select(m => new FieldError($"/header/{m}", $"Column '{m}' is missing.")))
                        .Concat(repeated.Select(r => new FieldError($"/header/{r}", $"Line 1: column '{r}' is given more than once.")))
                        .ToList(),
                    $"The CSV header must name the columns {string.Join(",", Fields)} (the last three optional), each once.");
            var rows = new List<OrgUnitImportRow>();
            var longer = new List<FieldError>();
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                if (csv.Parser.Count > header.Length)
                    longer.Add(new FieldError($"/{rows.Count}", $"Line {csv.Parser.RawRow}: {csv.Parser.Count} fields under a header of {header.Length}; a field holding a comma is written in double quotes."));
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Length; i++)
                    values[header[i]] = csv.GetField(i) is { Length: > 0 } v ? v : null;
                rows.Add(Row(rows.Count, csv.Parser.RawRow, values));
            }
            if (longer.Count > 0)
                throw new RuleViolationException(longer, "Some lines have more fields than the header names; nothing was imported.");
            return rows;
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            throw new RuleViolationException("/", "The CSV holds bytes that are not UTF-8; save the file as UTF-8.");
        }
        catch (BadDataException e)
        {
            throw new BadHttpRequestException($"Malformed CSV near line {e.Context?.Parser?.RawRow}: a quoted field is not closed, or a double quote " +
                "stands inside a field that is not quoted (write it doubled, inside quotes: \"a \"\"b\"\" c\").", e);
        }
        catch (CsvHelperException e)
        {
            throw new BadHttpRequestException($"Malformed CSV near line {e.Context?.Parser?.RawRow}: the line cannot be read as comma-separated values.", e);
        }
    }

    static OrgUnitImportRow Row(int index, int? line, Dictionary<string, string?> v) => new(
        index, line, v.GetValueOrDefault("code"), v.GetValueOrDefault("name"), v.GetValueOrDefault("kind"),
        v.GetValueOrDefault("parentCode"), v.GetValueOrDefault("partyOrgLevel"), v.GetValueOrDefault("memberCount"));
}
