namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>A finding as read with its rectification task, for one cycle's findings and the findings list over every cycle alike.</summary>
// properties, not a constructor: Npgsql reports an int[] column as System.Array, which Dapper's constructor matching refuses
class FindingRow
{
    public long Id { get; init; }
    public long CycleId { get; init; }
    public string OrgUnitCode { get; init; } = "";
    public string OrgUnitName { get; init; } = "";
    public string Description { get; init; } = "";
    public string Severity { get; init; } = "";
    public string? IndicatorCode { get; init; }
    public int RectifyWithinDays { get; init; }
    public string TaskStatus { get; init; } = "";
    public long RectificationTaskId { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int[] AssumedYears { get; init; } = [];
    public string Reviewer { get; init; } = "";
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
}
