using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class LiaisonPointRulesTests
{
    static LiaisonPointInput Valid() => new("city.leader1", "JC-DH-LW-01", 2026, "JC-DH-LW-U1",
        [new WorkGroupMemberInput("李华", "组长", null, true)],
        [new TargetInput("T1", "党组织标准化建设", "2026-06-30"), new TargetInput("T2", "在职党员报到", "2026-12-15")]);

    static List<string> Fields(IEnumerable<Errors.FieldError> errors) => errors.Select(e => e.Field).ToList();

    [Fact]
    public void A_complete_point_passes_with_its_targets_parsed()
    {
        Assert.Empty(LiaisonPointRules.CheckPoint(Valid(), out var targets));
        Assert.Equal([new TargetPlan("T1", "党组织标准化建设", new DateOnly(2026, 6, 30)), new TargetPlan("T2", "在职党员报到", new DateOnly(2026, 12, 15))], targets);
    }

    [Fact]
    public void Every_missing_or_bad_field_is_named_by_its_pointer()
    {
        var input = new LiaisonPointInput(" ", null, 1999, "", [new WorkGroupMemberInput("", "组长", null, null)],
            [new TargetInput("T 1", "", "2026-02-30"), new TargetInput("t2", "x", "2027-01-01"), new TargetInput("T2", "y", "2026-05-01")]);
        Assert.Equal(
            ["/leaderUsername", "/communityCode", "/backingUnitCode", "/year", "/workGroup/0/name", "/targets/0/code", "/targets/0/title", "/targets/0/dueOn", "/targets/2/code"],
            Fields(LiaisonPointRules.CheckPoint(input, out _)));
    }

    [Fact]
    public void A_point_needs_a_work_group_and_a_target()
    {
        var errors = LiaisonPointRules.CheckPoint(Valid() with { WorkGroup = [], Targets = null }, out _);
        Assert.Equal(["/workGroup", "/targets"], Fields(errors));
    }

    [Fact]
    public void A_visit_is_within_the_year_and_not_ahead_of_time_and_its_problems_are_due_after_it()
    {
        var today = new DateOnly(2026, 3, 10);
        var ok = new VisitInput("2026-03-10", "走访", [new ProblemInput("活动室未挂牌", "2026-03-31", null), new ProblemInput("台账不全", "2026-04-30", " JC-DH-LW-U1 ")]);
        Assert.Empty(LiaisonPointRules.CheckVisit(ok, 2026, today, out var on, out var problems));
        Assert.Equal(new DateOnly(2026, 3, 10), on);
        Assert.Equal([null, "JC-DH-LW-U1"], problems.Select(p => p.OwnerUnitCode));

        var bad = new VisitInput("2026-03-11", "", [new ProblemInput("x", "2026-03-01", null), new ProblemInput(null, "soon", null)]);
        Assert.Equal(["/visitedOn", "/summary", "/problems/0/dueOn", "/problems/1/description", "/problems/1/dueOn"],
            Fields(LiaisonPointRules.CheckVisit(bad, 2026, today, out _, out _)));
        Assert.Equal(["/visitedOn"], Fields(LiaisonPointRules.CheckVisit(ok with { VisitedOn = "2025-12-30" }, 2026, today, out _, out _)));
    }

    [Fact]
    public void A_visit_made_before_the_point_was_set_up_is_recorded_after_the_fact_within_its_year()
    {
        var today = new DateOnly(2026, 3, 10); // the point was set up on 2 March
        Assert.Empty(LiaisonPointRules.CheckVisit(new VisitInput("2026-02-01", "走访", null), 2026, today, out var on, out _));
        Assert.Equal(new DateOnly(2026, 2, 1), on);
        Assert.Equal(["/visitedOn"], Fields(LiaisonPointRules.CheckVisit(new VisitInput("2025-12-31", "走访", null), 2026, today, out _, out _)));
    }

    [Theory]
    [InlineData(null, "/progress")]
    [InlineData(-1, "/progress")]
    [InlineData(101, "/progress")]
    public void Progress_is_a_percentage(int? progress, string field) =>
        Assert.Equal([field], Fields(LiaisonPointRules.CheckProgress(new TargetProgressInput(progress, null))));

    [Fact]
    public void A_resolution_needs_a_note_and_the_status_must_be_known()
    {
        Assert.Empty(LiaisonPointRules.CheckStatus(new ProblemStatusInput("Resolved", "已挂牌"), out var status));
        Assert.Equal(ProblemStatus.Resolved, status);
        Assert.Equal(["/note"], Fields(LiaisonPointRules.CheckStatus(new ProblemStatusInput("Resolved", " "), out _)));
        Assert.Equal(["/status"], Fields(LiaisonPointRules.CheckStatus(new ProblemStatusInput("Done", "x"), out _)));
        Assert.Equal(["/status"], Fields(LiaisonPointRules.CheckStatus(new ProblemStatusInput("1", "x"), out _)));
    }

    [Theory]
    [InlineData("Open, Resolved")]
    [InlineData("Resolved,Open")]
    [InlineData(" +1")]
    [InlineData("")]
    public void A_status_is_one_name_not_a_combination_or_a_number(string status) =>
        Assert.Equal(["/status"], Fields(LiaisonPointRules.CheckStatus(new ProblemStatusInput(status, "x"), out _)));

    [Fact]
    public void Every_date_lies_within_the_years_the_product_works_in()
    {
        var today = new DateOnly(2026, 3, 10);
        var farDue = new VisitInput("2026-03-10", "走访", [new ProblemInput("x", "9999-12-31", null), new ProblemInput("y", "2100-12-31", null)]);
        var errors = LiaisonPointRules.CheckVisit(farDue, 2026, today, out _, out var problems);
        Assert.Equal(["/problems/0/dueOn"], Fields(errors));
        Assert.Contains("2100-12-31", errors[0].Message);
        Assert.Equal([new DateOnly(2100, 12, 31)], problems.Select(p => p.DueOn));
        Assert.Equal(["/visitedOn"], Fields(LiaisonPointRules.CheckVisit(new VisitInput("0001-01-01", "x", null), 2026, today, out _, out _)));

        var point = Valid() with { Year = null, Targets = [new TargetInput("T1", "x", "9999-12-31")] };
        Assert.Equal(["/year", "/targets/0/dueOn"], Fields(LiaisonPointRules.CheckPoint(point, out _)));
        var errorsOfTarget = new List<Errors.FieldError>();
        Assert.Null(LiaisonPointRules.CheckTarget(new TargetInput("T9", "x", "1999-12-31"), null, "", errorsOfTarget));
        Assert.Equal(["/dueOn"], Fields(errorsOfTarget));
    }
}
