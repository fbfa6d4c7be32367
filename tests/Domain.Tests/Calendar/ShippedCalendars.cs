using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Tests.Calendar;

/// <summary>The repository's <c>calendars/cn-*.json</c>, copied beside the tests, read and validated as the engine reads them.</summary>
static class ShippedCalendars
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record File(string Name, int Year, CalendarYearInput Input);

    sealed record Document(int Year, string? Source, List<CalendarDayInput?>? Holidays, List<CalendarDayInput?>? Workdays);

    public static IReadOnlyList<File> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "calendars"), "cn-*.json")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var document = JsonSerializer.Deserialize<Document>(System.IO.File.ReadAllText(path), Json)!;
                return new File(Path.GetFileName(path), document.Year, new CalendarYearInput(document.Source, document.Holidays, document.Workdays));
            })
            .ToList();

    public static CalendarYear Year(int year)
    {
        var file = Files().Single(f => f.Year == year);
        var (valid, errors) = CalendarYearValidator.Validate(file.Year, file.Input);
        Assert.Empty(errors);
        return valid!;
    }

    public static BusinessCalendar Calendar() => new(Files().Select(f => Year(f.Year)));
}
