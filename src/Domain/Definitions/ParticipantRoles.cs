namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// The roles a template names for assignees and reviewers, each answered by people at or above the
/// participant: the participant's own officers, its street, or its district.
/// </summary>
public static class ParticipantRoles
{
    /// <summary>The street's secretary (直接责任人) and the street's officers acting for them.</summary>
    public const string DirectResponsible = "directResponsible";
    /// <summary>The district's secretary (第一责任人).</summary>
    public const string FirstResponsible = "firstResponsible";
    /// <summary>StreetOfficers of the participant's street.</summary>
    public const string StreetOfficer = "streetOfficer";
    /// <summary>The community's Party secretary and its officers.</summary>
    public const string CommunitySecretary = "communitySecretary";
    /// <summary>CommunityOfficers of the participant community.</summary>
    public const string CommunityOfficer = "communityOfficer";
    /// <summary>DistrictAdmins of the participant's district (区委组织部).</summary>
    public const string DistrictAdmin = "districtAdmin";
    /// <summary>Inspectors over the participant (督查组).</summary>
    public const string Inspector = "inspector";

    public static readonly IReadOnlyList<string> All =
        [DirectResponsible, FirstResponsible, StreetOfficer, CommunitySecretary, CommunityOfficer, DistrictAdmin, Inspector];

    /// <summary>Roles that need a community participant.</summary>
    public static readonly IReadOnlyList<string> CommunityOnly = [CommunitySecretary, CommunityOfficer];

    /// <summary>Who an escalation may go to.</summary>
    public static readonly IReadOnlyList<string> EscalationTargets = [DirectResponsible, FirstResponsible, DistrictAdmin];
}
