using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// The rectification (整改) a finding asks of a participant: a task of its own, answered by the unit, verified
/// (销号) or returned in the role of whoever recorded the finding, due so many <b>working days</b> after it was recorded.
/// </summary>
public static class Rectification
{
    public const int MaxTitleLength = 60;

    /// <summary>
    /// The due date: <paramref name="withinWorkdays"/> working days after <paramref name="recordedOn"/> on China's business
    /// calendar, and the years crossed without a published schedule (weekends only were counted there).
    /// </summary>
    public static (DateOnly DueOn, IReadOnlyList<int> AssumedYears) DueDate(DateOnly recordedOn, int withinWorkdays, BusinessCalendar calendar) =>
        calendar.AddWorkdays(recordedOn, withinWorkdays);

    /// <summary>Who answers for a participant's own work: the street's secretary (and officers) for a street, the community's secretary for a community.</summary>
    public static string UnitRole(OrgUnitKind participantKind) =>
        participantKind == OrgUnitKind.Community ? ParticipantRoles.CommunitySecretary : ParticipantRoles.DirectResponsible;

    /// <summary>
    /// Who verifies (销号) a rectification: the role in which the finding was recorded — <c>inspector</c> when the
    /// recorder is an Inspector over the unit, else <c>districtAdmin</c> (a DistrictAdmin, or a SystemAdmin acting for
    /// one), so that a district without inspector accounts can close the findings its administrators record.
    /// </summary>
    public static string ReviewerFor(Caller recorder, string unitPath) =>
        recorder.Grants.Any(g => g.Role == Role.Inspector && g.ScopePath is not null && g.Covers(unitPath))
            ? ParticipantRoles.Inspector
            : ParticipantRoles.DistrictAdmin;

    public static TaskDefinition Task(string key, string description, OrgUnitKind participantKind, string reviewer) => new(
        key,
        Title(description),
        description,
        UnitRole(participantKind),
        reviewer,
        Gate: false,
        EvidenceRequired: true,
        After: [],
        Form:
        [
            new FormField("measures", "整改措施及成效", "text", Required: true, MaxLength: 5000),
            new FormField("completedOn", "整改完成日期", "date", Required: true),
        ]);

    static string Title(string description)
    {
        var line = description.Trim().Split('\n')[0].Trim();
        return "整改：" + TextCut.Prefix(line, MaxTitleLength, "…");
    }
}
