using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>
/// A template in the list: the name and status of its newest version, every published version, and the code of the
/// org unit it belongs to (null for the installation).
/// </summary>
public sealed record TemplateSummary(
    string Key, string Name, int LatestVersion, TemplateStatus Status, IReadOnlyList<int> PublishedVersions, string? OwnerScopeCode);
