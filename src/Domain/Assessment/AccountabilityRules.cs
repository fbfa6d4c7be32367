using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>What a responsible person is held to in the accountability report.</summary>
public static class AccountabilityRules
{
    /// <summary>
    /// The roles whose tasks are the unit's own work: what the street or community itself must answer. The
    /// district's reviews, inspections and scoring of the unit are not the unit's work and are not counted.
    /// </summary>
    public static readonly IReadOnlyList<string> UnitRoles =
        [ParticipantRoles.DirectResponsible, ParticipantRoles.StreetOfficer, ParticipantRoles.CommunitySecretary, ParticipantRoles.CommunityOfficer];
}
