using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>
/// A stored year of the business calendar. <see cref="UpdatedBy"/> is null while the year is the one shipped
/// with the product, and names the administrator once edited.
/// </summary>
public sealed record CalendarYearView(
    int Year, string Source, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    public CalendarYear ToCalendarYear() => new(Year, Source, Holidays, Workdays);
}
