using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>
/// Checks a score sheet against the template's indicators, naming every bad entry as
/// <c>/indicators/{i}/{member}</c>: a known code, once; a scored or bonus item scored from 0 to its
/// maxScore in steps of 0.01; a veto item answered with <c>vetoed</c>, never with points.
/// </summary>
public static class ScoreSheetRules
{
    public const int MaxCommentLength = 2000;
    public const int Decimals = 2;

    public static (IReadOnlyList<ScoredIndicator> Scores, IReadOnlyList<FieldError> Errors) Check(
        IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<ScoreInput?>? entries)
    {
        if (entries is not { Count: > 0 })
            return ([], [new FieldError("/indicators", Say.Text("Name at least one indicator with its score.", "请至少填写一项指标及其得分。"))]);
        var byCode = indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var scores = new List<ScoredIndicator>();
        for (var i = 0; i < entries.Count; i++)
        {
            var at = $"/indicators/{i}";
            if (entries[i] is not { } entry)
            {
                errors.Add(new FieldError(at, Say.Text("Each entry is an object: {code, score} or, for a veto item, {code, vetoed}.", "每一项须为对象：{code, score}；一票否决项为 {code, vetoed}。")));
                continue;
            }
            if (entry.Comment is { Length: > MaxCommentLength })
                errors.Add(new FieldError($"{at}/comment", Say.Text($"comment must be at most {MaxCommentLength} characters.", $"说明不能超过 {MaxCommentLength} 个字符。")));
            if (string.IsNullOrWhiteSpace(entry.Code) || !byCode.TryGetValue(entry.Code, out var indicator))
            {
                errors.Add(new FieldError($"{at}/code", entry.Code is null
                    ? Say.Text("code is required.", "指标编码为必填项。")
                    : Say.Text($"'{entry.Code}' is not an indicator of this cycle's template; expected one of {string.Join(", ", indicators.Select(d => d.Code))}.", $"“{entry.Code}”不是本轮次模板的考核指标，应为以下之一：{string.Join(", ", indicators.Select(d => d.Code))}。")));
                continue;
            }
            if (!seen.Add(indicator.Code))
            {
                errors.Add(new FieldError($"{at}/code", Say.Text($"The indicator '{indicator.Code}' is named more than once.", $"指标“{indicator.Code}”重复填写。")));
                continue;
            }
            var error = indicator.Veto ? CheckVeto(indicator, entry) : CheckPoints(indicator, entry);
            if (error is not null)
                errors.Add(new FieldError($"{at}/{error.Value.Member}", error.Value.Message));
            else
                scores.Add(new ScoredIndicator(indicator.Code, indicator.Veto ? 0m : entry.Score!.Value, entry.Vetoed ?? false));
        }
        return errors.Count == 0 ? (scores, []) : ([], errors);
    }

    static (string Member, string Message)? CheckVeto(IndicatorDefinition indicator, ScoreInput entry)
    {
        if (entry.Score is { } points && points != 0)
            return ("score", Say.Text($"{indicator.Name} is a veto item (一票否决) and carries no points (maxScore 0); answer it with vetoed: true or false.", $"{indicator.Name}为一票否决项，不计分（maxScore 0）；请以 vetoed: true 或 false 作答。"));
        if (entry.Vetoed is null)
            return ("vetoed", Say.Text($"{indicator.Name} is a veto item (一票否决): say whether it was found with vetoed: true or false.", $"{indicator.Name}为一票否决项：请以 vetoed: true 或 false 说明是否存在。"));
        return null;
    }

    static (string Member, string Message)? CheckPoints(IndicatorDefinition indicator, ScoreInput entry)
    {
        if (entry.Vetoed is not null)
            return ("vetoed", Say.Text($"{indicator.Name} is not a veto item; give it points with score.", $"{indicator.Name}不是一票否决项，请用 score 打分。"));
        if (entry.Score is not { } score)
            return ("score", Say.Text($"The score of {indicator.Name} is required.", $"{indicator.Name}的得分为必填项。"));
        if (score < 0 || score > indicator.MaxScore)
            return ("score", Say.Text($"The score of {indicator.Name} must be between 0 and its maximum {indicator.MaxScore}, not {score}.", $"{indicator.Name}的得分须在 0 至满分 {indicator.MaxScore} 之间，不能为 {score}。"));
        if (decimal.Round(score, Decimals) != score)
            return ("score", Say.Text($"A score has at most {Decimals} decimal places, not {score}.", $"得分最多保留 {Decimals} 位小数，不能为 {score}。"));
        return null;
    }
}
