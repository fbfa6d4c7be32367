namespace CommunityWorkflows.Domain.Liaison;

/// <summary>A member of the work group (工作组) dispatched to a point; <see cref="Username"/> when they have an account.</summary>
public sealed record WorkGroupMemberInput(string? Name, string? Role, string? Username = null, bool? FromBackingUnit = null);

/// <summary>A target of the point, due on a <c>YYYY-MM-DD</c> date of its year.</summary>
public sealed record TargetInput(string? Code, string? Title, string? DueOn);

/// <summary>A new liaison point, as sent; every field is checked and reported by JSON pointer.</summary>
public sealed record LiaisonPointInput(
    string? LeaderUsername, string? CommunityCode, int? Year, string? BackingUnitCode,
    IReadOnlyList<WorkGroupMemberInput>? WorkGroup, IReadOnlyList<TargetInput>? Targets);

/// <summary>A problem found on a visit; owned by the community unless another unit is named.</summary>
public sealed record ProblemInput(string? Description, string? DueOn, string? OwnerUnitCode = null);

/// <summary>A visit to the point and the problems found (问题清单).</summary>
public sealed record VisitInput(string? VisitedOn, string? Summary, IReadOnlyList<ProblemInput>? Problems = null);

/// <summary>A target's progress as of now; the earlier entries stay in its history.</summary>
public sealed record TargetProgressInput(int? Progress, string? Note = null);

/// <summary>A problem's new status, with the note that says how it was resolved.</summary>
public sealed record ProblemStatusInput(string? Status, string? Note);

/// <summary>A checked target.</summary>
public sealed record TargetPlan(string Code, string Title, DateOnly DueOn);

/// <summary>A checked problem, by its place in the visit's list; its owner unit is still a code to be looked up.</summary>
public sealed record ProblemPlan(int Index, string Description, DateOnly DueOn, string? OwnerUnitCode);
