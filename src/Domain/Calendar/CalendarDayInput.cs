namespace CommunityWorkflows.Domain.Calendar;

/// <summary>One listed day as sent: <c>YYYY-MM-DD</c> and its name.</summary>
public sealed record CalendarDayInput(string? Date, string? Name);
