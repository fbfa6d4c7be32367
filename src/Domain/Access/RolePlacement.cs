using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Access;

/// <summary>At which kind of org unit each role may be held.</summary>
public static class RolePlacement
{
    public static IReadOnlyList<OrgUnitKind> AllowedAt(Role role) => role switch
    {
        Role.SystemAdmin => [],
        Role.DistrictAdmin => [OrgUnitKind.City, OrgUnitKind.District],
        Role.StreetOfficer => [OrgUnitKind.Street],
        Role.CommunityOfficer => [OrgUnitKind.Community],
        Role.Leader => [OrgUnitKind.City, OrgUnitKind.District, OrgUnitKind.Street],
        Role.Inspector => [OrgUnitKind.City, OrgUnitKind.District, OrgUnitKind.Street],
        _ => [],
    };

    /// <summary>"Leader@DEMO-D1" style text, as the CLI takes it; a SystemAdmin has no unit.</summary>
    public static (string Role, string? OrgUnitCode) ParseSpec(string spec)
    {
        var at = spec.IndexOf('@');
        return at < 0 ? (spec.Trim(), null) : (spec[..at].Trim(), spec[(at + 1)..].Trim());
    }
}
