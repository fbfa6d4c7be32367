namespace CommunityWorkflows.Domain.Calendar;

/// <summary>One year's published schedule: statutory days off, and weekend days that are worked instead (调休).</summary>
public sealed record CalendarYear(int Year, string Source, IReadOnlyList<CalendarDay> Holidays, IReadOnlyList<CalendarDay> Workdays);
