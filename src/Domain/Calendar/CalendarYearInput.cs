namespace CommunityWorkflows.Domain.Calendar;

/// <summary>
/// One year's schedule as an administrator sends it, values still text so that every bad one can be named:
/// the notice it comes from, the days off, and the weekend days worked instead (调休).
/// </summary>
public sealed record CalendarYearInput(string? Source, IReadOnlyList<CalendarDayInput?>? Holidays, IReadOnlyList<CalendarDayInput?>? Workdays);
