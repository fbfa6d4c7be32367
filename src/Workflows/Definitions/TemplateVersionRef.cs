using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>Which version of a template a command created, replaced or published, and its status now.</summary>
public sealed record TemplateVersionRef(string Key, int Version, TemplateStatus Status);
