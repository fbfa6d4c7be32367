using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>One stored version of a template: its definition and who made and published it when.</summary>
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
    TemplateDefinition Definition);
