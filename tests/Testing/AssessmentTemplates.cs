using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Testing;

/// <summary>The test template with an assessment: two scored indicators (60 + 40), a veto item, a bonus item, the default grading.</summary>
public static class AssessmentTemplates
{
    public static readonly TemplateDefinition Annual = TestTemplates.Annual with
    {
        Indicators =
        [
            new IndicatorDefinition("work", "党建工作", 60, 1, false, false),
            new IndicatorDefinition("members", "党员管理", 40, 1, false, false),
            new IndicatorDefinition("violation", "严重违纪违法", 0, 1, true, false),
            new IndicatorDefinition("innovation", "创新做法", 5, 1, false, true),
        ],
        Grading = new GradingRule(0.3m, new RatingWeights(100, 80, 60, 0), 5, new GradeThresholds(90, 80, 60)),
    };
}
