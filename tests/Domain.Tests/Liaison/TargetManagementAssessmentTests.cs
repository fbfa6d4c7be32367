using System.Globalization;
using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class TargetManagementAssessmentTests
{
    static readonly LiaisonPolicy Policy = LiaisonPolicy.Default;

    /// <summary>Facts at year end (4 visits required), two targets set and none met, so only problems and visits differ.</summary>
    static decimal YearEnd(int found = 0, int onTime = 0, int late = 0, int notYetDue = 0, int visits = 0) =>
        TargetManagementAssessment.Score(new AssessmentFacts(2, 0, found, onTime, late, notYetDue, visits, 4), Policy).Score;

    [Fact]
    public void The_documented_example_scores_65_4()
    {
        // docs/liaison.md: 2 of 3 targets met; 5 problems: 2 resolved on time, 1 late, 1 open overdue, 1 open not yet due;
        // 2 visits of the 3 required by 20 November. By hand: T = 2/3, P = (2 + 0.5 × 1) / 4 = 0.625, V = 2/3,
        // score = 50 × 2/3 + 30 × 0.625 + 20 × 2/3 = 33.33 + 18.75 + 13.33 = 65.42 → 65.4
        var facts = new AssessmentFacts(3, 2, 5, 2, 1, 1, 2, 3);
        var score = TargetManagementAssessment.Score(facts, Policy);
        Assert.Equal((4, 1), (facts.ProblemsAssessed, facts.ProblemsOverdue));
        Assert.Equal((66.7m, 62.5m, 66.7m, 65.4m), (score.Targets, score.Problems, score.Visits, score.Score));

        // the same point in January of the next year: 4 visits required, the December problem due and still open.
        // By hand: P = 2.5 / 5 = 0.5, V = 2/4: 33.33 + 15 + 10 = 58.3
        var yearOver = TargetManagementAssessment.Score(facts with { ProblemsNotYetDue = 0, VisitsRequired = 4 }, Policy);
        Assert.Equal((50m, 50m, 58.3m), (yearOver.Problems, yearOver.Visits, yearOver.Score));
    }

    [Fact]
    public void The_documented_example_requires_3_visits_by_20_November_and_4_once_the_year_is_over()
    {
        var started = new DateOnly(2026, 3, 10); // set up in the first quarter: that quarter counts
        Assert.Equal(3, TargetManagementAssessment.VisitsRequired(4, started, 2026, new DateOnly(2026, 11, 20)));
        Assert.Equal(4, TargetManagementAssessment.VisitsRequired(4, started, 2026, new DateOnly(2027, 1, 10)));
    }

    [Fact]
    public void Never_visited_ranks_lowest_a_problem_not_yet_due_is_neither_success_nor_failure_and_results_rank_above_traces()
    {
        var never = YearEnd();                                          // (a) no visit, nothing met, nothing found
        var onceNotYetDue = YearEnd(found: 1, notYetDue: 1, visits: 1); // (b) P = V = 1/4: 30 × 0.25 + 20 × 0.25 = 12.5
        var resolved = YearEnd(found: 2, onTime: 2, visits: 4);         // (c) P = 1, V = 1: 30 + 20 = 50
        var overdue = YearEnd(found: 1, visits: 4);                     // (d) P = 0, V = 1: 20
        var beyond = YearEnd(found: 2, onTime: 2, visits: 9);           // (e) as (c): visits beyond the 4 required earn nothing more

        Assert.Equal((0m, 12.5m, 50m, 20m, 50m), (never, onceNotYetDue, resolved, overdue, beyond));
        Assert.True(never < onceNotYetDue && onceNotYetDue < resolved && overdue < resolved);
        Assert.Equal(onceNotYetDue, YearEnd(visits: 1)); // the problem not yet due counts neither way
        Assert.True(overdue < YearEnd(visits: 4));        // an overdue open problem is a failure: below finding nothing on the same visits
    }

    [Fact]
    public void A_point_never_visited_earns_nothing_for_finding_no_problems_but_keeps_its_targets()
    {
        var score = TargetManagementAssessment.Score(new AssessmentFacts(2, 1, 0, 0, 0, 0, 0, 2), Policy);
        Assert.Equal((50m, 0m, 0m, 25m), (score.Targets, score.Problems, score.Visits, score.Score));
    }

    [Fact]
    public void Finding_nothing_is_worth_only_as_much_checking_as_stood_behind_it_finding_and_resolving_is_worth_more()
    {
        var lookedOnce = TargetManagementAssessment.Score(new AssessmentFacts(0, 0, 0, 0, 0, 0, 1, 4), Policy);
        var resolvedOnce = TargetManagementAssessment.Score(new AssessmentFacts(0, 0, 1, 1, 0, 0, 1, 4), Policy);
        Assert.Equal((25m, 25m, 12.5m), (lookedOnce.Problems, lookedOnce.Visits, lookedOnce.Score)); // 30 × 0.25 + 20 × 0.25
        Assert.Equal((100m, 25m, 35m), (resolvedOnce.Problems, resolvedOnce.Visits, resolvedOnce.Score)); // 30 × 1 + 20 × 0.25
    }

    [Fact]
    public void Everything_met_resolved_and_visited_scores_100_and_extra_visits_earn_nothing_more() =>
        Assert.Equal(100m, TargetManagementAssessment.Score(new AssessmentFacts(2, 2, 1, 1, 0, 0, 9, 4), Policy).Score);

    [Fact]
    public void Visits_alone_cannot_carry_a_point_results_weigh_more_than_traces()
    {
        // 8 visits, 4 problems all overdue, no target met: 20 × 1 = 20; 1 of 4 visits, all met and resolved: 50 + 30 + 20 × 0.25 = 85
        var tracesOnly = TargetManagementAssessment.Score(new AssessmentFacts(4, 0, 4, 0, 0, 0, 8, 4), Policy).Score;
        var results = TargetManagementAssessment.Score(new AssessmentFacts(4, 4, 4, 4, 0, 0, 1, 4), Policy).Score;
        Assert.Equal(20m, tracesOnly);
        Assert.Equal(85m, results);
    }

    [Fact]
    public void The_weights_and_the_late_credit_are_configurable()
    {
        // 1 on time, 1 late at credit 0: P = 1/2; 1 of 2 required visits: V = 1/2; weights 1/1/0: (0.5 + 0.5) / 2 = 50
        var local = Policy with { Weights = new LiaisonAssessmentWeights(1, 1, 0), LateResolutionCredit = 0m, ExpectedVisitsPerYear = 2 };
        var score = TargetManagementAssessment.Score(new AssessmentFacts(2, 1, 2, 1, 1, 0, 1, 2), local);
        Assert.Equal(50m, score.Problems);
        Assert.Equal(50m, score.Visits);
        Assert.Equal(50m, score.Score);
        Assert.Empty(local.Problems());
    }

    [Theory]
    [InlineData("2026-01-05", "2026-03-31", 4, 1)] // no quarter over yet: still one visit required
    [InlineData("2026-01-05", "2026-04-01", 4, 1)] // the first quarter ended yesterday
    [InlineData("2026-01-05", "2026-07-01", 4, 2)]
    [InlineData("2026-01-05", "2026-12-31", 4, 3)] // the last quarter is not over on its last day
    [InlineData("2026-01-05", "2027-01-01", 4, 4)] // the year is over: the full number
    [InlineData("2026-07-01", "2027-01-01", 4, 2)] // set up mid-year: nothing required for the quarters before
    [InlineData("2026-06-30", "2027-01-01", 4, 3)] // set up on a quarter's last day: that quarter counts
    [InlineData("2026-01-01", "2027-01-01", 6, 6)]
    [InlineData("2026-01-01", "2026-07-01", 6, 3)] // 6 × 2/4
    [InlineData("2026-01-01", "2026-10-01", 6, 4)] // 6 × 3/4 = 4.5, rounded down
    [InlineData("2026-01-01", "2026-10-01", 1, 1)]
    [InlineData("2026-01-01", "2027-01-01", 366, 366)]
    public void The_visits_required_so_far_follow_the_quarters_ended_since_the_point_started(string startedOn, string asOf, int expected, int required) =>
        Assert.Equal(required, TargetManagementAssessment.VisitsRequired(expected, DateOnly.Parse(startedOn, CultureInfo.InvariantCulture), 2026, DateOnly.Parse(asOf, CultureInfo.InvariantCulture)));

    [Fact]
    public void Bad_settings_are_reported_at_start_up()
    {
        var bad = Policy with { VisitDueAfterDays = 0, Weights = new LiaisonAssessmentWeights(0, 0, 0), ProblemEscalationWorkdays = [5, 1], LateResolutionCredit = 2 };
        Assert.Equal(4, bad.Problems().Count());
    }
}
