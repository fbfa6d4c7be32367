using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Liaison;

/// <summary>Which unit may own a problem found at a point, and who at that unit hears its reminders and deadline.</summary>
public static class ProblemOwners
{
    /// <summary>
    /// The community itself, a unit above it (its street, district or city), the point's backing unit, or a
    /// unit seated anywhere in the community's district.
    /// </summary>
    public static bool MayOwn(OrgUnitKind ownerKind, string ownerPath, string communityPath, string? districtPath, string backingUnitPath) =>
        communityPath.StartsWith(ownerPath, StringComparison.Ordinal)
        || ownerPath == backingUnitPath
        || ownerKind == OrgUnitKind.SeatedUnit && districtPath is not null && ownerPath.StartsWith(districtPath, StringComparison.Ordinal);

    /// <summary>
    /// The participant roles (see <see cref="Runtime.Audiences"/>) answering for a problem at a unit of
    /// <paramref name="ownerKind"/>: a community's secretary and officers, a street's direct responsible person,
    /// a district's first responsible person, the city's administrators; a seated unit has no role holders of
    /// its own, so its secretary hears it together with the street it sits in (or the district, outside a street).
    /// </summary>
    public static IReadOnlyList<string> AudiencesFor(OrgUnitKind ownerKind, bool inStreet) => ownerKind switch
    {
        OrgUnitKind.Community => [ParticipantRoles.CommunitySecretary],
        OrgUnitKind.Street => [ParticipantRoles.DirectResponsible],
        OrgUnitKind.District => [ParticipantRoles.FirstResponsible],
        OrgUnitKind.City => [ParticipantRoles.DistrictAdmin],
        _ => [ParticipantRoles.CommunitySecretary, inStreet ? ParticipantRoles.DirectResponsible : ParticipantRoles.FirstResponsible],
    };

    /// <summary>
    /// Whether the caller answers for a problem owned by the unit (<paramref name="owner"/> read as a participant's
    /// line): exactly the people its reminders and deadline reach, so whoever is told of a problem may resolve it.
    /// </summary>
    public static bool Answers(Caller caller, OrgUnitKind ownerKind, ParticipantUnits owner) =>
        AudiencesFor(ownerKind, owner.StreetCode is not null).Any(a => Audiences.CanAct(caller, a, owner));

    /// <summary>
    /// Who sees a problem without seeing its point: whoever answers for it, and anyone whose scope covers the owner
    /// unit (a street officer sees the problems owned in its street). Everyone else is told it does not exist.
    /// </summary>
    public static bool CanSee(Caller caller, OrgUnitKind ownerKind, ParticipantUnits owner) =>
        caller.CanSee(owner.ParticipantPath) || Answers(caller, ownerKind, owner);
}
