using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>A year's days as stored in <c>calendar_year</c>: a JSON array of <c>{date, name}</c>, dates as <c>YYYY-MM-DD</c>.</summary>
static class CalendarDaysJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<CalendarDay> days) => JsonSerializer.Serialize(days, Options);

    public static IReadOnlyList<CalendarDay> Read(string json) =>
        JsonSerializer.Deserialize<List<CalendarDay>>(json, Options) ?? throw new JsonException("A calendar list is null.");
}
