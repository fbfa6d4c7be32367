using System.Globalization;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>The Chinese subjects of the assessment's notices.</summary>
static class AssessmentNotices
{
    public const string FindingKind = "Finding";
    public const string ResultsPublishedKind = "ResultsPublished";

    /// <summary>How much of a finding's description a notice quotes (the task holds all of it).</summary>
    public const int MaxQuoted = 60;

    public static string Finding(string unit, string description, DateOnly dueOn) => string.Create(CultureInfo.InvariantCulture,
        $"【整改】{unit}：督查发现问题「{TextCut.Prefix(description, MaxQuoted, "…")}」，请于{dueOn:yyyy年M月d日}前完成整改并上传佐证材料。");

    public static string ResultsPublished(string unit, int year, string cycleName, decimal total, Grade grade, int rank) => string.Create(CultureInfo.InvariantCulture,
        $"【考核结果】{unit}{year}年度「{cycleName}」结果已公布：总分{total:0.##}，等次“{Grades.Label(grade)}”，排名第{rank}。");
}
