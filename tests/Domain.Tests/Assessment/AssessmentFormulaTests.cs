using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Tests.Definitions;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class AssessmentFormulaTests
{
    static readonly TemplateDefinition Shipped = TemplateSample.Parse(TemplateSample.ShippedText("annual-responsibility.json")).AssertValid();

    static Dictionary<string, ScoredIndicator> Sheet(params (string Code, decimal Score)[] scores) =>
        scores.ToDictionary(s => s.Code, s => new ScoredIndicator(s.Code, s.Score, false));

    static Dictionary<string, ScoredIndicator> FullSheet(decimal org, decimal members, decimal meetings, decimal liaison, decimal venues, decimal rectification) =>
        Sheet(("organisation", org), ("memberManagement", members), ("regularMeetings", meetings), ("liaisonPoints", liaison), ("venuesAndFunds", venues), ("rectification", rectification));

    static AssessmentOutcome Assess(Dictionary<string, ScoredIndicator> sheet, RatingVotes? votes) =>
        AssessmentFormula.Assess(Shipped.Indicators, Shipped.Grading!, sheet, votes);

    [Fact]
    public void The_default_template_by_hand()
    {
        // indicators 18 + 17 + 14 + 13 + 9 + 18 = 89 of 100 (weights 1)          → indicatorScore 89
        // rating (30×100 + 15×80 + 4×60 + 1×0) / 50 = 4440 / 50                    → ratingScore 88.8
        // bonus 3 (cap 5); total 0.7 × 89 + 0.3 × 88.8 + 3 = 62.3 + 26.64 + 3     → 91.94 ≥ 90: Excellent
        var sheet = FullSheet(18, 17, 14, 13, 9, 18);
        sheet["innovationPromoted"] = new ScoredIndicator("innovationPromoted", 3, false);
        var outcome = Assess(sheet, new RatingVotes(30, 15, 4, 1));

        Assert.Equal(new AssessmentOutcome(89m, 88.8m, 3m, 91.94m, false, [], [], Grade.Excellent), outcome with { VetoedBy = [], Missing = [] });
        Assert.True(outcome.Complete);
    }

    [Fact]
    public void A_veto_gives_the_lowest_grade_whatever_the_total()
    {
        var sheet = FullSheet(20, 20, 15, 15, 10, 20);
        sheet["overdueReelection"] = new ScoredIndicator("overdueReelection", 0, true);
        sheet["seriousViolation"] = new ScoredIndicator("seriousViolation", 0, false);
        var outcome = Assess(sheet, new RatingVotes(50, 0, 0, 0));

        Assert.Equal(100m, outcome.Total);
        Assert.True(outcome.Vetoed);
        Assert.Equal(["overdueReelection"], outcome.VetoedBy);
        Assert.Equal(Grade.Poor, outcome.Grade);
    }

    [Fact]
    public void Bonus_points_add_within_the_cap()
    {
        IndicatorDefinition[] indicators =
        [
            new("work", "工作", 100, 1, false, false),
            new("award", "表彰", 4, 1, false, true),
            new("innovation", "创新", 3, 1, false, true),
        ];
        var grading = Shipped.Grading! with { RatingShare = 0 };
        var sheet = new Dictionary<string, ScoredIndicator>
        {
            ["work"] = new("work", 80, false), ["award"] = new("award", 4, false), ["innovation"] = new("innovation", 3, false),
        };
        var outcome = AssessmentFormula.Assess(indicators, grading, sheet, null);

        Assert.Equal(5m, outcome.Bonus);
        Assert.Equal(85m, outcome.Total);
        Assert.Equal(Grade.Good, outcome.Grade);
    }

    [Fact]
    public void Weights_put_the_indicator_part_on_a_100_point_scale()
    {
        IndicatorDefinition[] indicators = [new("a", "甲", 10, 3, false, false), new("b", "乙", 50, 1, false, false)];
        var grading = Shipped.Grading! with { RatingShare = 0 };
        var sheet = new Dictionary<string, ScoredIndicator> { ["a"] = new("a", 5, false), ["b"] = new("b", 50, false) };

        // 100 × (3×5 + 1×50) / (3×10 + 1×50) = 100 × 65 / 80 = 81.25
        Assert.Equal(81.25m, AssessmentFormula.Assess(indicators, grading, sheet, null).Total);
    }

    [Fact]
    public void Parts_are_rounded_half_away_from_zero_before_the_total()
    {
        // (1×100 + 2×80) / 3 = 86.666… → 86.67; 0.7 × 90 + 0.3 × 86.67 = 63 + 26.001 = 89.001 → 89.00: Good, not Excellent
        var outcome = Assess(FullSheet(18, 18, 13.5m, 13.5m, 9, 18), new RatingVotes(1, 2, 0, 0));
        Assert.Equal(90m, outcome.IndicatorScore);
        Assert.Equal(86.67m, outcome.RatingScore);
        Assert.Equal(89.00m, outcome.Total);
        Assert.Equal(Grade.Good, outcome.Grade);
    }

    [Theory]
    [InlineData(90, Grade.Excellent)]
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(60, Grade.Fair)]
    [InlineData(59.99, Grade.Poor)]
    [InlineData(0, Grade.Poor)]
    public void Each_threshold_is_the_lowest_total_of_its_grade(decimal total, Grade grade) =>
        Assert.Equal(grade, Grades.Of(total, vetoed: false, Shipped.Grading!.Thresholds));

    [Fact]
    public void An_incomplete_sheet_has_parts_but_no_total_or_grade()
    {
        var partial = Assess(Sheet(("organisation", 18), ("memberManagement", 17)), null);
        Assert.Equal(35m, partial.IndicatorScore);
        Assert.Null(partial.RatingScore);
        Assert.Null(partial.Total);
        Assert.Null(partial.Grade);
        Assert.Equal(["regularMeetings", "liaisonPoints", "venuesAndFunds", "rectification"], partial.Missing);

        var noVotes = Assess(FullSheet(18, 17, 14, 13, 9, 18), null);
        Assert.Empty(noVotes.Missing);
        Assert.False(noVotes.Complete);

        var nothing = Assess([], null);
        Assert.Null(nothing.IndicatorScore);
        Assert.Equal(0m, nothing.Bonus);
    }

    [Fact]
    public void Without_a_rating_share_no_votes_are_needed()
    {
        var outcome = AssessmentFormula.Assess(Shipped.Indicators, Shipped.Grading! with { RatingShare = 0 }, FullSheet(18, 17, 14, 13, 9, 18), null);
        Assert.Equal(89m, outcome.Total);
        Assert.Equal(Grade.Good, outcome.Grade);
    }

    [Fact]
    public void The_rating_score_is_the_average_points_per_vote()
    {
        Assert.Equal(81.6m, new RatingVotes(20, 20, 8, 2).Score(Shipped.Grading!.RatingWeights));
        Assert.Equal(0m, new RatingVotes(0, 0, 0, 7).Score(Shipped.Grading!.RatingWeights));
    }
}
