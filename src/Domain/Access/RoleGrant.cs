namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// A role held at an org unit and everything beneath it. <see cref="ScopePath"/> is the unit's
/// materialised path; <c>null</c> means the whole installation (a SystemAdmin at the root).
/// </summary>
public sealed record RoleGrant(Role Role, string? OrgUnitCode, string? ScopePath)
{
    public bool Covers(string path) => ScopePath is null || path.StartsWith(ScopePath, StringComparison.Ordinal);
}
