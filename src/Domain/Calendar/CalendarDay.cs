namespace CommunityWorkflows.Domain.Calendar;

/// <summary>A day of a published schedule and what it is called (元旦, 春节调休上班, ...).</summary>
public sealed record CalendarDay(DateOnly Date, string Name);
