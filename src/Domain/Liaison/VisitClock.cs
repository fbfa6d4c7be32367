namespace CommunityWorkflows.Domain.Liaison;

/// <summary>
/// Counting the days a point has gone without a visit. The count starts at the last visit or, before the
/// first, at the point's start (the later of the day it was created and 1 January of its year; 1 January for a
/// point of a past year, recorded after the fact), and stops at the end of the point's year. A point is due a visit once the count is longer than the configured days.
/// </summary>
public static class VisitClock
{
    public static DateOnly StartedOn(DateOnly createdOn, int year) =>
        createdOn.Year == year ? createdOn : new DateOnly(year, 1, 1);

    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    /// <summary>Days without a visit as of <paramref name="today"/> (counted no further than the year's end; never negative).</summary>
    public static int DaysWithoutVisit(DateOnly? lastVisitOn, DateOnly startedOn, DateOnly today, int year)
    {
        var until = today > YearEnd(year) ? YearEnd(year) : today;
        return Math.Max(0, until.DayNumber - (lastVisitOn ?? startedOn).DayNumber);
    }

    public static bool IsVisitDue(int daysWithoutVisit, int afterDays) => daysWithoutVisit > afterDays;

    /// <summary>
    /// The day of the <paramref name="n"/>-th reminder (1, 2, ...) for a gap that began on <paramref name="basis"/>:
    /// the first day the gap is longer than n × <paramref name="afterDays"/> days; null when that falls after the year.
    /// </summary>
    public static DateOnly? ReminderOn(DateOnly basis, int n, int afterDays, int year)
    {
        var day = basis.AddDays(n * afterDays + 1);
        return day > YearEnd(year) ? null : day;
    }
}
