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
            errors.Add(new("/orgUnitCode", "orgUnitCode is required: the participant the finding is about."));
        if (string.IsNullOrWhiteSpace(finding.Description))
            errors.Add(new("/description", "description is required."));
        else if (finding.Description.Length > MaxDescriptionLength)
            errors.Add(new("/description", $"description must be at most {MaxDescriptionLength} characters."));
        else if (PlainText.Problem(finding.Description, multiline: true) is { } problem)
            errors.Add(new("/description", problem));
        if (ParseSeverity(finding.Severity) is null)
            errors.Add(new("/severity", $"severity must be one of {EnumText.Expected<FindingSeverity>()}."));
        if (finding.IndicatorCode is { } code && indicators.All(i => i.Code != code))
            errors.Add(new("/indicatorCode", indicators.Count == 0
                ? "This cycle's template has no indicators; leave indicatorCode out."
                : $"'{code}' is not an indicator of this cycle's template; expected one of {string.Join(", ", indicators.Select(i => i.Code))}."));
        if (finding.RectifyWithinDays is not (>= 1 and <= MaxRectifyWithinDays))
            errors.Add(new("/rectifyWithinDays", $"rectifyWithinDays is required: working days to rectify, from 1 to {MaxRectifyWithinDays}."));
        return errors;
    }

    /// <summary>One severity by name, any letter case; never a number or a combination such as "Minor, Major".</summary>
    public static FindingSeverity? ParseSeverity(string? severity) => EnumText.TryParse<FindingSeverity>(severity, out var s) ? s : null;
}
