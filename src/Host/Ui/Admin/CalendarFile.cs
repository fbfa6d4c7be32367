using CommunityWorkflows.Domain.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Host.Ui.Admin;

/// <summary>
/// A year's schedule file as shipped in <c>calendars/cn-2026.json</c>: the body of <c>PUT /api/calendars/{year}</c>
/// (<c>source</c>, <c>holidays</c>, <c>workdays</c>) with the <c>year</c> it is for. Values stay text for the engine to judge.
/// </summary>
static class CalendarFile
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(int? Year, CalendarYearInput Schedule)> ReadAsync(Stream file, CancellationToken ct)
    {
        JsonDocument document;
        try { document = await JsonDocument.ParseAsync(file, cancellationToken: ct); }
        catch (JsonException e) { throw new RuleViolationException("", Say.Text($"The file is not valid JSON: {e.Message}", "文件不是有效的 JSON。")); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RuleViolationException("", Say.Text("Expected a JSON object with source, holidays and workdays.", "文件应为包含 source、holidays 和 workdays 的 JSON 对象。"));
            int? year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var n) ? n : null;
            try
            {
                return (year, root.Deserialize<CalendarYearInput>(Options)!);
            }
            catch (JsonException e)
            {
                throw new RuleViolationException(e.Path is { } path ? "/" + path.TrimStart('$', '.').Replace('.', '/') : "", Say.Text($"The file does not read as a schedule: {e.Message}", "文件内容不是有效的节假日安排。"));
            }
        }
    }
}
