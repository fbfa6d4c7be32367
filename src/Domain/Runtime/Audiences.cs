using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>Which unit of a participant's line a rule points at.</summary>
public enum UnitOf
{
    Participant,
    Street,
    District,
    /// <summary>The participant or any unit above it.</summary>
    Chain,
}

/// <summary>
/// Who answers for a participant role: the secretary of a unit (if any), and the holders of a role at a
/// unit. The same rules decide who may act on a task and who is notified about it.
/// </summary>
public sealed record AudienceRule(string Audience, UnitOf? SecretaryOf, Role Role, UnitOf RoleAt);

/// <summary>The units and secretaries around a participant that the audience rules need.</summary>
public sealed record ParticipantUnits(
    string ParticipantCode,
    string ParticipantPath,
    string? StreetCode,
    string? DistrictCode,
    string? ParticipantSecretary,
    string? StreetSecretary,
    string? DistrictSecretary);

public static class Audiences
{
    public static readonly IReadOnlyList<AudienceRule> Rules =
    [
        new(ParticipantRoles.DirectResponsible, UnitOf.Street, Role.StreetOfficer, UnitOf.Street),
        // the district's organisation department acts for the secretary, and hears what the secretary hears
        new(ParticipantRoles.FirstResponsible, UnitOf.District, Role.DistrictAdmin, UnitOf.District),
        new(ParticipantRoles.StreetOfficer, null, Role.StreetOfficer, UnitOf.Street),
        new(ParticipantRoles.CommunitySecretary, UnitOf.Participant, Role.CommunityOfficer, UnitOf.Participant),
        new(ParticipantRoles.CommunityOfficer, null, Role.CommunityOfficer, UnitOf.Participant),
        new(ParticipantRoles.DistrictAdmin, null, Role.DistrictAdmin, UnitOf.Chain),
        new(ParticipantRoles.Inspector, null, Role.Inspector, UnitOf.Chain),
    ];

    public static AudienceRule RuleFor(string audience) =>
        Rules.FirstOrDefault(r => r.Audience == audience) ?? throw new ArgumentException($"Unknown participant role '{audience}'.", nameof(audience));

    /// <summary>Whether <paramref name="caller"/> answers for <paramref name="audience"/> at this participant.</summary>
    public static bool CanAct(Caller caller, string audience, ParticipantUnits units)
    {
        var rule = RuleFor(audience);
        var secretary = rule.SecretaryOf switch
        {
            UnitOf.Participant => units.ParticipantSecretary,
            UnitOf.Street => units.StreetSecretary,
            UnitOf.District => units.DistrictSecretary,
            _ => null,
        };
        if (secretary is not null && secretary == caller.Username) return true;
        return caller.Grants.Any(g => g.Role == rule.Role && rule.RoleAt switch
        {
            UnitOf.Participant => g.OrgUnitCode == units.ParticipantCode,
            UnitOf.Street => g.OrgUnitCode is not null && g.OrgUnitCode == units.StreetCode,
            UnitOf.District => g.OrgUnitCode is not null && g.OrgUnitCode == units.DistrictCode,
            _ => g.ScopePath is not null && g.Covers(units.ParticipantPath),
        });
    }
}
