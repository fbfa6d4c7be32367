using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class TemplateAssessmentRulesTests
{
    const string Grading = """
        {"ratingShare":0.3,"ratingWeights":{"excellent":100,"good":80,"fair":60,"poor":0},"bonusCap":5,
         "thresholds":{"excellent":90,"good":80,"fair":60}}
        """;

    static TemplateParseResult With(string? indicators = null, string? grading = null)
    {
        var json = TemplateSample.Minimal();
        if (indicators is not null) json["indicators"] = JsonNode.Parse(indicators);
        if (grading is not null) json["grading"] = JsonNode.Parse(grading);
        return TemplateSample.Parse(json);
    }

    [Fact]
    public void Indicators_read_with_weight_one_by_default_and_veto_items_carry_no_points()
    {
        var indicators = With("""
            [{"code":"org","name":"组织建设","maxScore":20},
             {"code":"A.2","name":"党员管理","maxScore":20,"weight":1.5},
             {"code":"veto-1","name":"严重违纪违法","veto":true},
             {"code":"veto-2","name":"换届逾期","veto":true,"maxScore":0},
             {"code":"bonus","name":"创新","maxScore":5,"bonus":true}]
            """).AssertValid().Indicators;

        Assert.Equal(new IndicatorDefinition("org", "组织建设", 20, 1, false, false), indicators[0]);
        Assert.Equal(1.5m, indicators[1].Weight);
        Assert.Equal(new IndicatorDefinition("veto-1", "严重违纪违法", 0, 1, true, false), indicators[2]);
        Assert.True(indicators[4].Bonus);
    }

    [Fact]
    public void Indicator_codes_are_unique_and_well_formed() =>
        With("""[{"code":"a","name":"甲","maxScore":1},{"code":"a","name":"乙","maxScore":1},{"code":"b c","name":"丙","maxScore":1}]""")
            .AssertErrors("/indicators/1/code", "/indicators/2/code");

    [Fact]
    public void An_indicator_is_a_veto_or_a_bonus_not_both() =>
        With("""[{"code":"x","name":"甲","veto":true,"bonus":true}]""").AssertErrors("/indicators/0/bonus");

    [Fact]
    public void Scored_items_need_a_positive_max_score_and_veto_items_none()
    {
        var messages = With("""
            [{"code":"a","name":"甲"},{"code":"b","name":"乙","maxScore":0},{"code":"c","name":"丙","maxScore":-5,"bonus":true},
             {"code":"d","name":"丁","veto":true,"maxScore":10}]
            """).AssertErrors("/indicators/0/maxScore", "/indicators/1/maxScore", "/indicators/2/maxScore", "/indicators/3/maxScore");
        Assert.Equal("'maxScore' is required.", messages[0]);
        Assert.Contains("leave maxScore out or set it to 0", messages[3]);
    }

    [Fact]
    public void Weights_are_positive() =>
        With("""[{"code":"a","name":"甲","maxScore":10,"weight":0},{"code":"b","name":"乙","maxScore":10,"weight":-1}]""")
            .AssertErrors("/indicators/0/weight", "/indicators/1/weight");

    [Fact]
    public void Maximum_scores_weights_rating_weights_and_the_bonus_cap_are_bounded_so_that_no_result_can_overflow()
    {
        With("""[{"code":"a","name":"甲","maxScore":1e8},{"code":"b","name":"乙","maxScore":10,"weight":1e6},{"code":"c","name":"丙","maxScore":1000,"weight":100}]""")
            .AssertErrors("/indicators/0/maxScore", "/indicators/1/weight");
        With(grading: Grading.Replace("\"excellent\":100,\"good\":80", "\"excellent\":1e7,\"good\":80").Replace("\"bonusCap\":5", "\"bonusCap\":1e7"))
            .AssertErrors("/grading/ratingWeights/excellent", "/grading/bonusCap");
    }

    [Fact]
    public void Grading_reads_whole()
    {
        var grading = With(grading: Grading).AssertValid().Grading!;
        Assert.Equal(0.3m, grading.RatingShare);
        Assert.Equal(new RatingWeights(100, 80, 60, 0), grading.RatingWeights);
        Assert.Equal(5m, grading.BonusCap);
        Assert.Equal(new GradeThresholds(90, 80, 60), grading.Thresholds);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void The_rating_share_is_between_0_and_1(double share) =>
        With(grading: Grading.Replace("\"ratingShare\":0.3", $"\"ratingShare\":{share}")).AssertErrors("/grading/ratingShare");

    [Fact]
    public void Thresholds_fall_strictly_from_excellent_to_fair()
    {
        With(grading: Grading.Replace("\"good\":80,\"fair\":60}}", "\"good\":90,\"fair\":95}}")).AssertErrors(
            "/grading/thresholds/good", "/grading/thresholds/fair");
        With(grading: Grading.Replace("\"fair\":60}}", "\"fair\":-1}}")).AssertErrors("/grading/thresholds/fair");
    }

    [Fact]
    public void Rating_weights_never_rise_for_a_lower_grade_and_the_bonus_cap_is_not_negative() =>
        With(grading: Grading.Replace("\"fair\":60,\"poor\":0", "\"fair\":60,\"poor\":70").Replace("\"bonusCap\":5", "\"bonusCap\":-1"))
            .AssertErrors("/grading/ratingWeights/poor", "/grading/bonusCap");

    [Fact]
    public void Grading_names_what_is_missing() =>
        With(grading: """{"ratingShare":0.3,"ratingWeights":{"excellent":100,"good":80},"thresholds":{"excellent":90}}""")
            .AssertErrors("/grading/ratingWeights/fair", "/grading/ratingWeights/poor", "/grading/thresholds/good", "/grading/thresholds/fair");
}
