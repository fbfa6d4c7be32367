using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Meetings;

/// <summary>
/// A regular-meeting cadence (例会): every unit of <see cref="AppliesTo"/> (under <see cref="ScopeCode"/>, when
/// given) owes one meeting per period of <see cref="Schedule"/>, due at the period's end, with reminders and
/// escalation like a task's. A disabled cadence opens nothing.
/// </summary>
public sealed record CadenceDefinition(
    string Key,
    string Name,
    OrgUnitKind AppliesTo,
    string? ScopeCode,
    CadenceSchedule Schedule,
    ReminderRule Reminders,
    IReadOnlyList<EscalationStep> Escalation,
    bool Enabled);

/// <summary>Who owes a unit's meeting, and the escalation a cadence gets when it names none.</summary>
public static class MeetingOwners
{
    public static readonly IReadOnlyList<OrgUnitKind> Kinds = [OrgUnitKind.District, OrgUnitKind.Street, OrgUnitKind.Community];

    /// <summary>Two weeks and three days before the period ends, when a cadence names no reminders.</summary>
    public static readonly ReminderRule DefaultReminders = new([14, 3]);

    /// <summary>The participant role that answers for a unit's meetings: its secretary and the officers acting for them.</summary>
    public static string AudienceOf(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.District => ParticipantRoles.FirstResponsible,
        OrgUnitKind.Street => ParticipantRoles.DirectResponsible,
        OrgUnitKind.Community => ParticipantRoles.CommunitySecretary,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Meetings are owed by districts, streets and communities."),
    };

    /// <summary>A street's missed meeting goes up to the district's first responsible person, a community's to its street.</summary>
    public static IReadOnlyList<EscalationStep> DefaultEscalation(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Street => [new EscalationStep(5, ParticipantRoles.FirstResponsible)],
        OrgUnitKind.Community => [new EscalationStep(5, ParticipantRoles.DirectResponsible)],
        _ => [],
    };

    /// <summary>Escalation targets that exist above a unit of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> EscalationTargets(OrgUnitKind kind) => kind == OrgUnitKind.District
        ? [ParticipantRoles.FirstResponsible, ParticipantRoles.DistrictAdmin]
        : ParticipantRoles.EscalationTargets;
}
