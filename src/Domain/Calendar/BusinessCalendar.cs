namespace CommunityWorkflows.Domain.Calendar;

/// <summary>
/// China's working days: Monday to Friday, minus the statutory holidays, plus the adjusted working days of
/// each loaded year. A year that is not loaded is not guessed: only weekends count there, and the
/// calculation says that it assumed so.
/// </summary>
public sealed class BusinessCalendar
{
    readonly Dictionary<int, CalendarYear> years;
    readonly HashSet<DateOnly> holidays;
    readonly HashSet<DateOnly> workdays;

    public BusinessCalendar(IEnumerable<CalendarYear> loaded)
    {
        years = loaded.ToDictionary(y => y.Year);
        holidays = years.Values.SelectMany(y => y.Holidays).Select(d => d.Date).ToHashSet();
        workdays = years.Values.SelectMany(y => y.Workdays).Select(d => d.Date).ToHashSet();
    }

    public static BusinessCalendar WeekendsOnly { get; } = new([]);

    public IReadOnlyCollection<int> LoadedYears => years.Keys;

    public bool IsLoaded(int year) => years.ContainsKey(year);

    public bool IsWorkday(DateOnly date) =>
        workdays.Contains(date) || !holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="from"/> (before it when negative;
    /// <paramref name="from"/> itself never counts), and the years crossed that have no calendar loaded.
    /// </summary>
    public (DateOnly Date, IReadOnlyList<int> AssumedYears) AddWorkdays(DateOnly from, int days)
    {
        var step = days < 0 ? -1 : 1;
        var date = from;
        var assumed = new SortedSet<int>();
        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (!years.ContainsKey(date.Year)) assumed.Add(date.Year);
            if (IsWorkday(date)) left--;
        }
        return (date, assumed.ToList());
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrNextWorkday(DateOnly date)
    {
        while (!IsWorkday(date)) date = date.AddDays(1);
        return date;
    }
}
