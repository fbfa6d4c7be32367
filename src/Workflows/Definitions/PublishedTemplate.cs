using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>A published, immutable template version, as a cycle is launched with it.</summary>
public sealed record PublishedTemplate(string Key, int Version, TemplateDefinition Definition);
