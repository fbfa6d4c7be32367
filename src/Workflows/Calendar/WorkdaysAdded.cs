namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>The date a number of working days away, and the years crossed that have no schedule loaded (only weekends counted there).</summary>
public sealed record WorkdaysAdded(DateOnly Date, IReadOnlyList<int> AssumedYears);
