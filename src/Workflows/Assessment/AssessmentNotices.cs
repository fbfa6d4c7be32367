using System.Globalization;
using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>The Chinese subjects of the assessment's notices.</summary>
static class AssessmentNotices
{
    public const string FindingKind = "Finding";
    public const string ResultsPublishedKind = "ResultsPublished";

    public static string Finding(string unit, string description, DateOnly dueOn) => string.Create(CultureInfo.InvariantCulture,
        $"【整改】{unit}：督查发现问题「{description}」，请于{dueOn:yyyy年M月d日}前完成整改并上传佐证材料。");

    public static string ResultsPublished(string unit, int year, string cycleName, decimal total, Grade grade, int rank) => string.Create(CultureInfo.InvariantCulture,
        $"【考核结果】{unit}{year}年度「{cycleName}」结果已公布：总分{total:0.##}，等次“{Grades.Label(grade)}”，排名第{rank}。");
}
