using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>What a finding must say: the unit, a description, a severity, optionally the indicator it bears on, and working days to rectify.</summary>
public static class FindingRules
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxRectifyWithinDays = 250;

    public static IReadOnlyList<FieldError> Check(NewFinding finding, IReadOnlyList<IndicatorDefinition> indicators)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(finding.OrgUnitCode))
            errors.Add(new("/orgUnitCode", Say.Text("orgUnitCode is required: the participant the finding is about.", "被督查单位为必填项。")));
        if (string.IsNullOrWhiteSpace(finding.Description))
            errors.Add(new("/description", Say.Text("description is required.", "问题描述为必填项。")));
        else if (finding.Description.Length > MaxDescriptionLength)
            errors.Add(new("/description", Say.Text($"description must be at most {MaxDescriptionLength} characters.", $"问题描述不能超过 {MaxDescriptionLength} 个字符。")));
        else if (PlainText.Problem(finding.Description, multiline: true) is { } problem)
            errors.Add(new("/description", problem));
        if (ParseSeverity(finding.Severity) is null)
            errors.Add(new("/severity", Say.Text($"severity must be one of {EnumText.Expected<FindingSeverity>()}.", $"严重程度须为以下之一：{EnumText.Expected<FindingSeverity>()}。")));
        if (finding.IndicatorCode is { } code && indicators.All(i => i.Code != code))
            errors.Add(new("/indicatorCode", indicators.Count == 0
                ? Say.Text("This cycle's template has no indicators; leave indicatorCode out.", "本轮次模板没有考核指标，请勿填写指标编码。")
                : Say.Text($"'{code}' is not an indicator of this cycle's template; expected one of {string.Join(", ", indicators.Select(i => i.Code))}.", $"“{code}”不是本轮次模板的考核指标，应为以下之一：{string.Join(", ", indicators.Select(i => i.Code))}。")));
        if (finding.RectifyWithinDays is not (>= 1 and <= MaxRectifyWithinDays))
            errors.Add(new("/rectifyWithinDays", Say.Text($"rectifyWithinDays is required: working days to rectify, from 1 to {MaxRectifyWithinDays}.", $"整改期限为必填项，须为 1 至 {MaxRectifyWithinDays} 个工作日。")));
        return errors;
    }

    /// <summary>One severity by name, any letter case; never a number or a combination such as "Minor, Major".</summary>
    public static FindingSeverity? ParseSeverity(string? severity) => EnumText.TryParse<FindingSeverity>(severity, out var s) ? s : null;
}
