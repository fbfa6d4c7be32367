using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Runtime;

public sealed record TaskView(long Id, long CycleId, string OrgUnitCode, string OrgUnitName, string Stage, string Title, string Status, DateTimeOffset? DueAt, bool Overdue);

public sealed record TaskDetail(
    long Id,
    long CycleId,
    string OrgUnitCode,
    string OrgUnitName,
    string Stage,
    string TaskKey,
    string Title,
    string? Description,
    string Status,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    string Assignee,
    string? Reviewer,
    bool Gate,
    bool EvidenceRequired,
    IReadOnlyList<string> After,
    IReadOnlyList<FormField> Form,
    IReadOnlyList<SubmissionView> Submissions,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<EvidenceView> Evidence,
    bool CanSubmit,
    bool CanReview);

public sealed record SubmissionView(int Attempt, JsonElement Data, string? Comment, string SubmittedBy, DateTimeOffset SubmittedAt);

public sealed record ReviewView(int Attempt, string Decision, string? Comment, string ReviewedBy, DateTimeOffset ReviewedAt);

public sealed record EvidenceView(long Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Filters of the task list; all optional.</summary>
public sealed record TaskFilter(string? Status, bool? Overdue, long? CycleId, string? OrgUnitCode, int Limit, int Offset);
