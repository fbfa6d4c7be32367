using System.Globalization;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Calendar;

/// <summary>
/// Checks one year's schedule before it replaces the stored one. Every bad field is named by its JSON
/// pointer (<c>/holidays/3/date</c>), so the person typing in the State Council's notice fixes it all at once.
/// </summary>
public static class CalendarYearValidator
{
    public const int MinYear = 1900;
    public const int MaxYear = 2999;
    public const int MaxSourceLength = 500;
    public const int MaxNameLength = 100;
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The schedule, its lists sorted by date, or null and every broken rule.</summary>
    public static (CalendarYear? Year, IReadOnlyList<FieldError> Errors) Validate(int year, CalendarYearInput input)
    {
        var errors = new List<FieldError>();
        if (year is < MinYear or > MaxYear)
            errors.Add(new("/year", Say.Text($"The year must be between {MinYear} and {MaxYear}.", $"年度须在 {MinYear} 至 {MaxYear} 之间。")));
        var source = input.Source?.Trim();
        if (string.IsNullOrEmpty(source))
            errors.Add(new("/source", Say.Text("The source is required: name the notice the schedule comes from.", "来源为必填项：请注明日历安排所依据的通知。")));
        else if (source.Length > MaxSourceLength)
            errors.Add(new("/source", Say.Text($"The source must be at most {MaxSourceLength} characters.", $"来源不能超过 {MaxSourceLength} 个字符。")));
        else if (PlainText.Problem(input.Source) is { } problem)
            errors.Add(new("/source", problem));

        var holidays = ReadList("holidays", year, input.Holidays, errors);
        var workdays = ReadList("workdays", year, input.Workdays, errors);
        CheckNotInBoth(holidays, workdays, errors);

        if (errors.Count > 0) return (null, errors);
        return (new CalendarYear(year, source!, Sorted(holidays), Sorted(workdays)), []);
    }

    /// <summary>The valid days of one list, keyed by date, each with the entry that named it.</summary>
    static Dictionary<DateOnly, Listed> ReadList(
        string list, int year, IReadOnlyList<CalendarDayInput?>? entries, List<FieldError> errors)
    {
        var days = new Dictionary<DateOnly, Listed>();
        if (entries is null)
        {
            errors.Add(new($"/{list}", Say.Text($"The {list} are required (an empty list when there are none).", $"{list} 为必填项（没有时填空列表）。")));
            return days;
        }
        if (entries.Count > 366)
        {
            errors.Add(new($"/{list}", Say.Text("A year has at most 366 days.", "一年最多 366 天。")));
            return days;
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var pointer = $"/{list}/{i}";
            if (entries[i] is not { } entry)
            {
                errors.Add(new(pointer, Say.Text("Expected an object {date, name}.", "此处应为对象 {date, name}。")));
                continue;
            }
            var date = ReadDate(pointer, year, entry.Date, errors);
            var name = ReadName(pointer, entry.Name, errors);
            if (date is not { } d) continue;
            if (days.TryGetValue(d, out var first))
                errors.Add(new($"{pointer}/date", Say.Text($"{Text(d)} is already listed at {first.Pointer}.", $"{Text(d)} 已在 {first.Pointer} 列出。")));
            else if (name is not null)
                days[d] = new Listed(i, pointer, new CalendarDay(d, name));
        }
        return days;
    }

    static DateOnly? ReadDate(string pointer, int year, string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new($"{pointer}/date", Say.Text("The date is required (YYYY-MM-DD).", "日期为必填项（YYYY-MM-DD）。")));
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new($"{pointer}/date", Say.Text($"'{text}' is not a date (YYYY-MM-DD).", $"“{text}”不是日期（YYYY-MM-DD）。")));
            return null;
        }
        if (date.Year != year)
        {
            errors.Add(new($"{pointer}/date", Say.Text($"{Text(date)} is outside {year}.", $"{Text(date)} 不在 {year} 年内。")));
            return null;
        }
        return date;
    }

    static string? ReadName(string pointer, string? text, List<FieldError> errors)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(new($"{pointer}/name", Say.Text("The name is required (e.g. 春节, 春节调休上班).", "名称为必填项（如：春节、春节调休上班）。")));
        else if (name.Length > MaxNameLength)
            errors.Add(new($"{pointer}/name", Say.Text($"The name must be at most {MaxNameLength} characters.", $"名称不能超过 {MaxNameLength} 个字符。")));
        else if (PlainText.Problem(text) is { } problem)
            errors.Add(new($"{pointer}/name", problem));
        else
            return name;
        return null;
    }

    // a day is either off or worked: both would leave the calculation to guess
    static void CheckNotInBoth(
        Dictionary<DateOnly, Listed> holidays, Dictionary<DateOnly, Listed> workdays,
        List<FieldError> errors)
    {
        foreach (var (date, worked) in workdays.OrderBy(w => w.Value.Index))
        {
            if (!holidays.TryGetValue(date, out var off)) continue;
            errors.Add(new($"{off.Pointer}/date", Say.Text($"{Text(date)} is also listed as a working day at {worked.Pointer}.", $"{Text(date)} 同时在 {worked.Pointer} 被列为工作日。")));
            errors.Add(new($"{worked.Pointer}/date", Say.Text($"{Text(date)} is also listed as a holiday at {off.Pointer}.", $"{Text(date)} 同时在 {off.Pointer} 被列为节假日。")));
        }
    }

    static List<CalendarDay> Sorted(Dictionary<DateOnly, Listed> days) =>
        days.Values.Select(v => v.Day).OrderBy(d => d.Date).ToList();

    static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    sealed record Listed(int Index, string Pointer, CalendarDay Day);
}
