using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>
/// One stored version of a template: its definition, who made and published it when, and the code of the org unit
/// the template belongs to (<see cref="OwnerScopeCode"/>, null for the installation).
/// </summary>
public sealed record TemplateVersion(
    string Key,
    int Version,
    TemplateStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    TemplateDefinition Definition,
    string? OwnerScopeCode);
