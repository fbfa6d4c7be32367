using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>The grades of the year-end assessment: 好 / 较好 / 一般 / 差.</summary>
public enum Grade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

public static class Grades
{
    /// <summary>What a person reads: 好, 较好, 一般, 差.</summary>
    public static string Label(Grade grade) => grade switch
    {
        Grade.Excellent => "好",
        Grade.Good => "较好",
        Grade.Fair => "一般",
        _ => "差",
    };

    /// <summary>The grade of a total by the template's thresholds; a veto gives the lowest grade whatever the total.</summary>
    public static Grade Of(decimal total, bool vetoed, GradeThresholds thresholds) =>
        vetoed ? Grade.Poor
        : total >= thresholds.Excellent ? Grade.Excellent
        : total >= thresholds.Good ? Grade.Good
        : total >= thresholds.Fair ? Grade.Fair
        : Grade.Poor;
}
