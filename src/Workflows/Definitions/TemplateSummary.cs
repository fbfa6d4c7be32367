using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>A template in the list: the name and status of its newest version, and every published version.</summary>
public sealed record TemplateSummary(string Key, string Name, int LatestVersion, TemplateStatus Status, IReadOnlyList<int> PublishedVersions);
