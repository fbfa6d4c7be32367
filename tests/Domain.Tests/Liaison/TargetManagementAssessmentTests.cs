using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class TargetManagementAssessmentTests
{
    static readonly LiaisonPolicy Policy = LiaisonPolicy.Default;

    [Fact]
    public void The_documented_example_scores_67_1()
    {
        // 2 of 3 targets met; 4 problems: 2 resolved on time, 1 late, 1 open; 3 of 4 expected visits
        var score = TargetManagementAssessment.Score(new AssessmentFacts(3, 2, 4, 2, 1, 3), Policy);
        Assert.Equal(66.7m, score.Targets);
        Assert.Equal(62.5m, score.Problems);
        Assert.Equal(75.0m, score.Visits);
        Assert.Equal(67.1m, score.Score);
    }

    [Fact]
    public void Everything_met_resolved_and_visited_scores_100_and_extra_visits_earn_nothing_more() =>
        Assert.Equal(100m, TargetManagementAssessment.Score(new AssessmentFacts(2, 2, 1, 1, 0, 9), Policy).Score);

    [Fact]
    public void A_point_that_found_no_problems_is_not_punished_for_it_but_one_without_targets_earns_no_target_share()
    {
        var score = TargetManagementAssessment.Score(new AssessmentFacts(0, 0, 0, 0, 0, 4), Policy);
        Assert.Equal(0m, score.Targets);
        Assert.Equal(100m, score.Problems);
        Assert.Equal(50m, score.Score);
    }

    [Fact]
    public void Visits_alone_cannot_carry_a_point_results_weigh_more_than_traces()
    {
        var tracesOnly = TargetManagementAssessment.Score(new AssessmentFacts(4, 0, 4, 0, 0, 8), Policy).Score;
        var results = TargetManagementAssessment.Score(new AssessmentFacts(4, 4, 4, 4, 0, 1), Policy).Score;
        Assert.Equal(20m, tracesOnly);
        Assert.Equal(85m, results);
    }

    [Fact]
    public void The_weights_the_late_credit_and_the_expected_visits_are_configurable()
    {
        var local = Policy with { Weights = new LiaisonAssessmentWeights(1, 1, 0), LateResolutionCredit = 0m, ExpectedVisitsPerYear = 2 };
        var score = TargetManagementAssessment.Score(new AssessmentFacts(2, 1, 2, 1, 1, 1), local);
        Assert.Equal(50m, score.Problems);
        Assert.Equal(50m, score.Visits);
        Assert.Equal(50m, score.Score);
        Assert.Empty(local.Problems());
    }

    [Fact]
    public void Bad_settings_are_reported_at_start_up()
    {
        var bad = Policy with { VisitDueAfterDays = 0, Weights = new LiaisonAssessmentWeights(0, 0, 0), ProblemEscalationWorkdays = [5, 1], LateResolutionCredit = 2 };
        Assert.Equal(4, bad.Problems().Count());
    }
}
