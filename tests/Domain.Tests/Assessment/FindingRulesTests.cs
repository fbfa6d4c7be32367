using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Tests.Calendar;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class FindingRulesTests
{
    static readonly IndicatorDefinition[] Indicators = [new("regularMeetings", "例会制度落实", 15, 1, false, false)];

    static IReadOnlyList<string> Errors(NewFinding finding) => FindingRules.Check(finding, Indicators).Select(e => e.Field).ToList();

    [Fact]
    public void A_complete_finding_passes() =>
        Assert.Empty(Errors(new("S1", "季度例会未按时召开", "Major", "regularMeetings", 10)));

    [Fact]
    public void Every_bad_member_is_named() =>
        Assert.Equal(["/orgUnitCode", "/description", "/severity", "/indicatorCode", "/rectifyWithinDays"],
            Errors(new(" ", "", "Grave", "meetings", 0)));

    [Theory]
    [InlineData(null)]
    [InlineData("Grave")]
    [InlineData("1")]
    [InlineData("Minor, Major")]
    [InlineData("Minor,Serious")]
    public void Severity_is_one_of_the_named_levels_never_a_number_or_a_combination(string? severity) =>
        Assert.Equal(["/severity"], Errors(new("S1", "问题", severity, null, 5)));

    [Fact]
    public void Severity_is_read_in_any_letter_case_as_its_canonical_name() =>
        Assert.Equal(FindingSeverity.Major, FindingRules.ParseSeverity(" major "));

    [Fact]
    public void Days_to_rectify_are_bounded_and_descriptions_too()
    {
        Assert.Equal(["/rectifyWithinDays"], Errors(new("S1", "问题", "Minor", null, FindingRules.MaxRectifyWithinDays + 1)));
        Assert.Equal(["/rectifyWithinDays"], Errors(new("S1", "问题", "Minor", null, null)));
        Assert.Equal(["/description"], Errors(new("S1", new string('问', FindingRules.MaxDescriptionLength + 1), "Minor", null, 5)));
    }

    [Fact]
    public void The_rectification_is_due_in_working_days_and_flags_years_without_a_schedule()
    {
        var calendar = ShippedCalendars.Calendar();
        // from Wednesday 10 June 2026: 11, 12, 15, 16, 17, 18, (19 Dragon Boat Festival), 22, 23, 24 → 24 June is the 9th, 25 the 10th
        var (june, none) = Rectification.DueDate(new DateOnly(2026, 6, 10), 10, calendar);
        Assert.Equal(new DateOnly(2026, 6, 25), june);
        Assert.Empty(none);
        var (dueOn, assumed) = Rectification.DueDate(new DateOnly(2026, 12, 30), 3, calendar);
        Assert.Equal(new DateOnly(2027, 1, 4), dueOn);
        Assert.Equal([2027], assumed);
    }

    [Fact]
    public void The_rectification_task_is_the_units_own_work_with_evidence_verified_by_the_inspector()
    {
        var street = Rectification.Task("rectification:7", "党员活动室未挂牌\n详见督查记录", OrgUnitKind.Street, ParticipantRoles.Inspector);
        Assert.Equal("整改：党员活动室未挂牌", street.Title);
        Assert.Equal((ParticipantRoles.DirectResponsible, ParticipantRoles.Inspector), (street.Assignee, street.Reviewer));
        Assert.True(street.EvidenceRequired);
        Assert.False(street.Gate);
        Assert.Equal(["measures", "completedOn"], street.Form.Select(f => f.Key));
        Assert.Equal(ParticipantRoles.CommunitySecretary, Rectification.Task("k", "问题", OrgUnitKind.Community, ParticipantRoles.Inspector).Assignee);
        Assert.EndsWith("…", Rectification.Task("k", new string('长', 100), OrgUnitKind.Street, ParticipantRoles.Inspector).Title);
    }

    [Fact]
    public void The_rectification_is_verified_in_the_role_of_whoever_recorded_the_finding()
    {
        var inspector = new Caller(1, "i", [new RoleGrant(Role.Inspector, "D", "/C/D/")]);
        var admin = new Caller(2, "a", [new RoleGrant(Role.DistrictAdmin, "D", "/C/D/")]);
        var both = new Caller(3, "b", [new RoleGrant(Role.DistrictAdmin, "D", "/C/D/"), new RoleGrant(Role.Inspector, "S", "/C/D/S/")]);
        var root = new Caller(4, "r", [new RoleGrant(Role.SystemAdmin, null, null)]);
        Assert.Equal(ParticipantRoles.Inspector, Rectification.ReviewerFor(inspector, "/C/D/S/"));
        Assert.Equal(ParticipantRoles.DistrictAdmin, Rectification.ReviewerFor(admin, "/C/D/S/"));
        Assert.Equal(ParticipantRoles.Inspector, Rectification.ReviewerFor(both, "/C/D/S/"));
        Assert.Equal(ParticipantRoles.DistrictAdmin, Rectification.ReviewerFor(both, "/C/D/T/"));
        Assert.Equal(ParticipantRoles.DistrictAdmin, Rectification.ReviewerFor(root, "/C/D/S/"));
        Assert.Equal(ParticipantRoles.DistrictAdmin, Rectification.Task("k", "问题", OrgUnitKind.Street, ParticipantRoles.DistrictAdmin).Reviewer);
    }

    [Fact]
    public void A_long_description_is_cut_between_whole_characters_for_the_title()
    {
        var title = Rectification.Task("k", new string('问', 59) + "😀尾", OrgUnitKind.Street, ParticipantRoles.Inspector).Title;
        Assert.Equal("整改：" + new string('问', 59) + "…", title);
        Assert.Equal("整改：" + new string('问', 58) + "😀", Rectification.Task("k", new string('问', 58) + "😀", OrgUnitKind.Street, ParticipantRoles.Inspector).Title);
    }

    [Fact]
    public void A_findings_status_is_read_from_its_rectification_task()
    {
        Assert.Equal(FindingStatus.Open, FindingStatuses.Of(TaskState.Open));
        Assert.Equal(FindingStatus.Rectifying, FindingStatuses.Of(TaskState.Submitted));
        Assert.Equal(FindingStatus.Rectifying, FindingStatuses.Of(TaskState.Returned));
        Assert.Equal(FindingStatus.Verified, FindingStatuses.Of(TaskState.Accepted));
        Assert.Equal([TaskState.Submitted, TaskState.Returned], FindingStatuses.TaskStatesOf(FindingStatus.Rectifying));
    }
}
