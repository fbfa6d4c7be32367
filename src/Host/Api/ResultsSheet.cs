using System.Globalization;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// The results as a spreadsheet (考核结果): one row per participant and every input of the formula, the
/// template's numbers written into the headers so a reader can redo the arithmetic.
/// </summary>
static class ResultsSheet
{
    public const string SheetName = "考核结果";

    static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static IResult File(CycleResults cycle) =>
        Spreadsheet.File($"{cycle.Year}年度考核结果-{cycle.ScopeCode}.xlsx", SheetName, Columns(cycle.Definition), cycle.Results);

    public static IReadOnlyList<Spreadsheet.Column<ResultView>> Columns(TemplateDefinition definition)
    {
        var grading = definition.Grading!;
        var w = grading.RatingWeights;
        var t = grading.Thresholds;
        var columns = new List<Spreadsheet.Column<ResultView>>
        {
            new("排名", r => r.Rank),
            new("单位代码", r => r.OrgUnitCode),
            new("单位名称", r => r.Name),
        };
        foreach (var (indicator, i) in definition.Indicators.Select((d, i) => (d, i)))
            columns.Add(new(Header(indicator), r => indicator.Veto ? YesNo(r.Indicators[i].Vetoed) : r.Indicators[i].Score));
        columns.AddRange(
        [
            new("指标得分（百分制）", r => r.IndicatorScore),
            new($"好（票，每票{N(w.Excellent)}分）", r => r.Votes?.Excellent),
            new($"较好（票，每票{N(w.Good)}分）", r => r.Votes?.Good),
            new($"一般（票，每票{N(w.Fair)}分）", r => r.Votes?.Fair),
            new($"差（票，每票{N(w.Poor)}分）", r => r.Votes?.Poor),
            new("测评得分", r => r.RatingScore),
            new($"加分（上限{N(grading.BonusCap)}分）", r => r.Bonus),
            new($"总分（指标得分×{N(1 - grading.RatingShare)}＋测评得分×{N(grading.RatingShare)}＋加分）", r => r.Total),
            new("一票否决", r => r.Vetoed ? "是" : "否"),
            new($"等次（好≥{N(t.Excellent)}，较好≥{N(t.Good)}，一般≥{N(t.Fair)}）", r => r.GradeLabel),
        ]);
        return columns;
    }

    static string Header(IndicatorDefinition indicator) =>
        indicator.Veto ? $"{indicator.Name}（一票否决）"
        : indicator.Bonus ? $"{indicator.Name}（加分项，满分{N(indicator.MaxScore)}{Weight(indicator)}）"
        : $"{indicator.Name}（满分{N(indicator.MaxScore)}{Weight(indicator)}）";

    static string Weight(IndicatorDefinition indicator) => indicator.Weight == 1 ? "" : $"，权重{N(indicator.Weight)}";

    static string? YesNo(bool? value) => value switch { true => "是", false => "否", null => null };
}
