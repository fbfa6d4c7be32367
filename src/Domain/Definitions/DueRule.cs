using System.Globalization;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// When a stage's tasks are due: a calendar date of the cycle's year (<c>06-30</c>; a date before the stage
/// opens means the next year, e.g. a year-end stage due <c>01-15</c>), or relative to the moment a task opens
/// (<c>+20 workdays</c>, <c>+30 days</c>). Tasks are due by the end of that day, China time.
/// </summary>
public abstract partial record DueRule
{
    public sealed record OnDate(int Month, int Day) : DueRule
    {
        public override string ToString() => $"{Month:00}-{Day:00}";
    }

    public sealed record AfterWorkdays(int Days) : DueRule
    {
        public override string ToString() => $"+{Days} workdays";
    }

    public sealed record AfterDays(int Days) : DueRule
    {
        public override string ToString() => $"+{Days} days";
    }

    [GeneratedRegex(@"^\+([0-9]{1,3}) (workdays?|days?)$")]
    private static partial Regex Relative();

    public static DueRule? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (MonthDay.TryParse(text, out var month, out var day)) return new OnDate(month, day);
        var m = Relative().Match(text);
        if (!m.Success) return null;
        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return n == 0 ? null : m.Groups[2].Value.StartsWith("workday", StringComparison.Ordinal) ? new AfterWorkdays(n) : new AfterDays(n);
    }

    /// <summary>The last day a task opened on <paramref name="openedOn"/> (China date) may be done, in a stage that opened on <paramref name="stageOpensOn"/>.</summary>
    public DateOnly DueDate(DateOnly stageOpensOn, DateOnly openedOn, BusinessCalendar calendar) => this switch
    {
        OnDate d => NextOnOrAfter(stageOpensOn, d.Month, d.Day),
        AfterWorkdays w => calendar.AddWorkdays(openedOn, w.Days).Date,
        AfterDays a => openedOn.AddDays(a.Days),
        _ => throw new InvalidOperationException(),
    };

    static DateOnly NextOnOrAfter(DateOnly start, int month, int day)
    {
        var candidate = MonthDay.In(start.Year, month, day);
        return candidate >= start ? candidate : MonthDay.In(start.Year + 1, month, day);
    }
}

/// <summary>When a stage opens: on a <c>MM-DD</c> date of the cycle's year at 00:00 China time, or at launch.</summary>
public abstract record OpeningRule
{
    public sealed record AtLaunch : OpeningRule
    {
        public override string ToString() => "launch";
    }

    public sealed record OnDate(int Month, int Day) : OpeningRule
    {
        public override string ToString() => $"{Month:00}-{Day:00}";
    }

    public static OpeningRule? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text == "launch") return new AtLaunch();
        return MonthDay.TryParse(text, out var month, out var day) ? new OnDate(month, day) : null;
    }
}

/// <summary><c>MM-DD</c> text; 02-29 falls on 02-28 in a common year.</summary>
public static partial class MonthDay
{
    [GeneratedRegex(@"^([0-9]{2})-([0-9]{2})$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out int month, out int day)
    {
        (month, day) = (0, 0);
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        (month, day) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month);
    }

    public static DateOnly In(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
}
