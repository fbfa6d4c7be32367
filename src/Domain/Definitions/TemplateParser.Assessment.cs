using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    static readonly string[] IndicatorMembers = ["code", "name", "maxScore", "weight", "veto", "bonus"];

    /// <summary>
    /// The largest maximum an indicator may have, and the largest weight: with votes bounded too, every sum of the
    /// formula stays far inside <see cref="decimal"/> and every score inside the store's numeric(9, 2).
    /// </summary>
    public const decimal MaxIndicatorScore = 1000m;
    public const decimal MaxIndicatorWeight = 100m;
    /// <summary>The most a democratic rating vote, or all bonus points together, may count for.</summary>
    public const decimal MaxRatingPoints = 1000m;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex CodePattern();

    /// <summary>
    /// The indicators: a scored item has a <c>maxScore</c> above 0; a veto item (一票否决) carries no points, so its
    /// <c>maxScore</c> is 0 or left out; a bonus item (加分) is scored up to its <c>maxScore</c>, within the grading's cap.
    /// </summary>
    IReadOnlyList<IndicatorDefinition> Indicators(JsonObjectReader template)
    {
        if (template.Array("indicators") is not { } items || !WithinLimit(template, "indicators", items, MaxIndicators, Say.Text("indicators", "考核指标"))) return [];
        var indicators = new List<IndicatorDefinition>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, at) in items)
        {
            var r = JsonObjectReader.Open(item, at, errors, IndicatorMembers);
            if (r is null) continue;
            var code = r.String("code", required: true);
            if (code is not null && !CodePattern().IsMatch(code))
                r.Error("code", Say.Text($"'{code}' is not a valid code: a letter or digit, then up to 31 letters, digits, '_', '.' or '-'.", $"“{code}”不是有效的编码：须以字母或数字开头，其后最多 31 个字母、数字、“_”、“.”或“-”。"));
            else if (code is not null && !codes.Add(code))
                r.Error("code", Say.Text($"The indicator code '{code}' is used more than once.", $"指标编码“{code}”重复使用。"));
            var name = r.String("name", required: true, MaxNameLength)?.Trim();
            var veto = r.Boolean("veto") ?? false;
            var bonus = r.Boolean("bonus") ?? false;
            if (veto && bonus)
                r.Error("bonus", Say.Text("An indicator is a veto item or a bonus item, not both.", "一项指标只能是一票否决项或加分项，不能兼具。"));
            var maxScore = r.Decimal("maxScore", required: !veto);
            if (veto && maxScore is not null and not 0)
                r.Error("maxScore", Say.Text("A veto item carries no points: leave maxScore out or set it to 0.", "一票否决项不计分：请不填 maxScore 或将其设为 0。"));
            else if (!veto && maxScore is <= 0 or > MaxIndicatorScore)
                r.Error("maxScore", Say.Text($"maxScore must be above 0 and at most {MaxIndicatorScore}, not {maxScore}.", $"maxScore 须大于 0 且不超过 {MaxIndicatorScore}，不能为 {maxScore}。"));
            var weight = r.Decimal("weight") ?? 1m;
            if (weight is <= 0 or > MaxIndicatorWeight)
                r.Error("weight", Say.Text($"weight must be above 0 and at most {MaxIndicatorWeight}, not {weight}.", $"weight 须大于 0 且不超过 {MaxIndicatorWeight}，不能为 {weight}。"));
            indicators.Add(new IndicatorDefinition(code ?? "", name ?? "", maxScore ?? 0m, weight, veto, bonus));
        }
        return indicators;
    }

    GradingRule? Grading(JsonObjectReader template)
    {
        var r = template.Object("grading", required: false, "ratingShare", "ratingWeights", "bonusCap", "thresholds");
        if (r is null) return null;
        var share = r.Decimal("ratingShare", required: true);
        if (share is < 0 or > 1)
            r.Error("ratingShare", Say.Text($"ratingShare is the democratic rating's share of the total, from 0 to 1, not {share}.", $"ratingShare 为民主测评在总分中的占比，须在 0 至 1 之间，不能为 {share}。"));
        var weights = RatingWeights(r);
        var bonusCap = r.Decimal("bonusCap") ?? 0m;
        if (bonusCap is < 0 or > MaxRatingPoints)
            r.Error("bonusCap", Say.Text($"bonusCap must be from 0 to {MaxRatingPoints}, not {bonusCap}.", $"bonusCap 须在 0 至 {MaxRatingPoints} 之间，不能为 {bonusCap}。"));
        var thresholds = Thresholds(r);
        return new GradingRule(share ?? 0m, weights ?? new RatingWeights(0, 0, 0, 0), bonusCap, thresholds ?? new GradeThresholds(0, 0, 0));
    }

    /// <summary>The points a vote of each grade counts for: none negative, none above the grade before it.</summary>
    static RatingWeights? RatingWeights(JsonObjectReader grading)
    {
        var r = grading.Object("ratingWeights", required: true, "excellent", "good", "fair", "poor");
        if (r is null) return null;
        var values = Descending(r, ["excellent", "good", "fair", "poor"], strictly: false, Say.Text("a vote for a lower grade cannot count for more", "较低等次的票不能计更多分"));
        if (values[0] > MaxRatingPoints)
            r.Error("excellent", Say.Text($"A vote counts for at most {MaxRatingPoints} points, not {values[0]}.", $"每票最多计 {MaxRatingPoints} 分，不能为 {values[0]}。"));
        return values is [{ } excellent, { } good, { } fair, { } poor] ? new RatingWeights(excellent, good, fair, poor) : null;
    }

    /// <summary>The lowest total for 好, 较好 and 一般 (below is 差), each strictly below the one before.</summary>
    static GradeThresholds? Thresholds(JsonObjectReader grading)
    {
        var r = grading.Object("thresholds", required: true, "excellent", "good", "fair");
        if (r is null) return null;
        var values = Descending(r, ["excellent", "good", "fair"], strictly: true, Say.Text("each grade needs a lower total than the one above it", "每一等次的总分线须低于上一等次"));
        return values is [{ } excellent, { } good, { } fair] ? new GradeThresholds(excellent, good, fair) : null;
    }

    static decimal?[] Descending(JsonObjectReader r, string[] members, bool strictly, string why)
    {
        var values = members.Select(m => r.Decimal(m, required: true)).ToArray();
        for (var i = 0; i < members.Length; i++)
        {
            if (values[i] < 0)
                r.Error(members[i], Say.Text($"{members[i]} cannot be negative ({values[i]}).", $"{members[i]} 不能为负数（{values[i]}）。"));
            else if (i > 0 && values[i] is { } v && values[i - 1] is { } above && (strictly ? v >= above : v > above))
                r.Error(members[i], Say.Text($"{members[i]} ({v}) must be {(strictly ? "below" : "at most")} {members[i - 1]} ({above}): {why}.", $"{members[i]}（{v}）须{(strictly ? "低于" : "不高于")} {members[i - 1]}（{above}）：{why}。"));
        }
        return values;
    }
}
