using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class ScoreSheetRulesTests
{
    static readonly IndicatorDefinition[] Indicators =
    [
        new("organisation", "组织建设", 20, 1, false, false),
        new("seriousViolation", "严重违纪违法", 0, 1, true, false),
        new("overdueReelection", "换届逾期", 0, 1, true, false),
        new("innovation", "创新做法", 5, 1, false, true),
    ];

    static IReadOnlyList<string> Errors(params ScoreInput[] entries) => ScoreSheetRules.Check(Indicators, entries).Errors.Select(e => e.Field).ToList();

    [Fact]
    public void A_valid_sheet_gives_points_and_vetoes()
    {
        var (scores, errors) = ScoreSheetRules.Check(Indicators,
            [new("organisation", 19.5m, null, "班子健全"), new("seriousViolation", null, true, null), new("innovation", 0, null, null)]);
        Assert.Empty(errors);
        Assert.Equal([new ScoredIndicator("organisation", 19.5m, false), new ScoredIndicator("seriousViolation", 0, true), new ScoredIndicator("innovation", 0, false)], scores);
    }

    [Fact]
    public void A_score_above_the_maximum_or_below_zero_is_refused()
    {
        Assert.Equal(["/indicators/0/score", "/indicators/1/score"], Errors(new("organisation", 20.5m, null, null), new("innovation", -1, null, null)));
        var message = ScoreSheetRules.Check(Indicators, [new ScoreInput("organisation", 21, null, null)]).Errors.Single().Message;
        Assert.Contains("between 0 and its maximum 20", message);
        Assert.Empty(Errors(new("organisation", 20, null, null), new("innovation", 5, null, null)));
    }

    [Fact]
    public void An_entry_that_is_not_an_object_is_named_not_thrown_on() =>
        Assert.Equal(["/indicators/0", "/indicators/2"], Errors(null!, new("organisation", 20, null, null), null!));

    [Fact]
    public void A_veto_item_is_answered_with_vetoed_never_with_points() =>
        Assert.Equal(["/indicators/0/score", "/indicators/1/vetoed"], Errors(new("seriousViolation", 1, null, null), new("overdueReelection", null, null, null)));

    [Fact]
    public void Points_items_take_no_veto_and_need_a_score() =>
        Assert.Equal(["/indicators/0/vetoed", "/indicators/1/score"], Errors(new("organisation", 10, false, null), new("innovation", null, null, null)));

    [Fact]
    public void Codes_are_known_and_named_once() =>
        Assert.Equal(["/indicators/0/code", "/indicators/1/code", "/indicators/3/code"],
            Errors(new(null, 1, null, null), new("nope", 1, null, null), new("organisation", 1, null, null), new("organisation", 2, null, null)));

    [Fact]
    public void Scores_have_at_most_two_decimals_and_comments_a_limit() =>
        Assert.Equal(["/indicators/0/score", "/indicators/1/comment"],
            Errors(new("organisation", 10.125m, null, null), new("innovation", 1, null, new string('字', ScoreSheetRules.MaxCommentLength + 1))));

    [Fact]
    public void An_empty_sheet_is_refused()
    {
        Assert.Equal(["/indicators"], ScoreSheetRules.Check(Indicators, []).Errors.Select(e => e.Field));
        Assert.Equal(["/indicators"], ScoreSheetRules.Check(Indicators, null).Errors.Select(e => e.Field));
    }
}
