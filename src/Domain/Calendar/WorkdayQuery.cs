using System.Globalization;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Calendar;

/// <summary>
/// "N working days after <see cref="From"/>" as asked from outside: <see cref="Days"/> is bounded so that a
/// request can neither run for long nor step off the calendar.
/// </summary>
public sealed record WorkdayQuery(DateOnly From, int Days)
{
    /// <summary>About four years of working days; the longest relative due rule is 999.</summary>
    public const int MaxDays = 1000;

    /// <summary>The query from its text parameters; every bad one is named (<c>/from</c>, <c>/days</c>).</summary>
    public static WorkdayQuery Parse(string? from, string? days)
    {
        var errors = new List<FieldError>();
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(from))
            errors.Add(new("/from", Say.Text("from is required (YYYY-MM-DD).", "起始日期（from）为必填项（YYYY-MM-DD）。")));
        else if (!DateOnly.TryParseExact(from.Trim(), CalendarYearValidator.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            errors.Add(new("/from", Say.Text($"'{from}' is not a date (YYYY-MM-DD).", $"“{from}”不是日期（YYYY-MM-DD）。")));
        else
            errors.AddRange(CheckFrom(date));

        var count = 0;
        if (string.IsNullOrWhiteSpace(days))
            errors.Add(new("/days", Say.Text("days is required (a whole number, negative to count backwards).", "天数（days）为必填项（整数，负数表示向前推算）。")));
        else if (!int.TryParse(days.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            errors.Add(new("/days", Say.Text($"'{days}' is not a whole number.", $"“{days}”不是整数。")));
        else
            errors.AddRange(CheckDays(count));

        if (errors.Count > 0) throw new RuleViolationException(errors, Say.Text("The working-day query is invalid.", "工作日查询条件有误。"));
        return new WorkdayQuery(date, count);
    }

    /// <summary>The query, or a <see cref="RuleViolationException"/> naming what is out of bounds.</summary>
    public static WorkdayQuery Create(DateOnly from, int days)
    {
        var errors = CheckFrom(from).Concat(CheckDays(days)).ToList();
        if (errors.Count > 0) throw new RuleViolationException(errors, Say.Text("The working-day query is invalid.", "工作日查询条件有误。"));
        return new WorkdayQuery(from, days);
    }

    static IEnumerable<FieldError> CheckFrom(DateOnly from)
    {
        if (from.Year is < CalendarYearValidator.MinYear or > CalendarYearValidator.MaxYear)
            yield return new("/from", Say.Text($"from must lie between {CalendarYearValidator.MinYear} and {CalendarYearValidator.MaxYear}.", $"起始日期须在 {CalendarYearValidator.MinYear} 至 {CalendarYearValidator.MaxYear} 年之间。"));
    }

    static IEnumerable<FieldError> CheckDays(int days)
    {
        if (days is < -MaxDays or > MaxDays)
            yield return new("/days", Say.Text($"days must be between -{MaxDays} and {MaxDays}.", $"天数须在 -{MaxDays} 至 {MaxDays} 之间。"));
    }
}
