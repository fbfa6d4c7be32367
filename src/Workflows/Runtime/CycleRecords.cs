using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Launch <paramref name="Definition"/> (published version <paramref name="TemplateVersion"/> of <paramref name="TemplateKey"/>) for a year over a scope.</summary>
public sealed record LaunchRequest(string TemplateKey, int TemplateVersion, TemplateDefinition Definition, int Year, string? ScopeCode);

public sealed record CycleView(
    long Id,
    string TemplateKey,
    int TemplateVersion,
    int Year,
    string ScopeCode,
    string Status,
    int ParticipantCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<StageView> Stages);

/// <summary>A stage of a cycle and where its tasks stand: open counts Open and Returned tasks.</summary>
public sealed record StageView(string Key, string Name, DateTimeOffset OpensAt, DateTimeOffset DueAt, int Open, int Submitted, int Accepted, int Overdue);

public sealed record ParticipantView(string OrgUnitCode, string Name, string Stage, string Status, int TasksDone, int TasksTotal, bool Overdue, decimal? Score, string? Grade);

/// <summary>
/// What a launch would do: <paramref name="Participants"/> units of kind <paramref name="ParticipantKind"/> under the
/// scope; <paramref name="ExistingCycleId"/> names the cycle already launched for this template, year and scope (a
/// launch would be refused).
/// </summary>
public sealed record LaunchPreview(
    string TemplateKey, int TemplateVersion, int Year, string ScopeCode, string ParticipantKind, int Participants, long? ExistingCycleId);
