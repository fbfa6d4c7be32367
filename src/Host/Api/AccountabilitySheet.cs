using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Api;

/// <summary>The accountability report as a spreadsheet (责任落实情况): one row per responsible person.</summary>
static class AccountabilitySheet
{
    public const string SheetName = "责任落实情况";

    public static IResult File(int year, string scopeCode, IReadOnlyList<AccountabilityRow> rows) =>
        Spreadsheet.File($"{year}年度责任落实情况-{scopeCode}.xlsx", SheetName, Columns, rows);

    public static readonly IReadOnlyList<Spreadsheet.Column<AccountabilityRow>> Columns =
    [
        new("责任类别", r => r.Responsibility == Responsibility.FirstResponsible ? "第一责任人" : "直接责任人"),
        new("姓名", r => r.DisplayName ?? "（未设书记）"),
        new("账号", r => r.Username),
        new("单位", r => r.OrgUnitName),
        // a district's first responsible person may answer for thousands of units: the cell keeps within Excel's limit
        new("负责单位", r => TextCut.Prefix(string.Join("、", r.Units.Select(u => u.Grade is { } g ? $"{u.Name}（{Grades.Label(g)}）" : u.Name)), Spreadsheet.MaxCellLength, "…")),
        new("任务总数", r => r.TasksTotal),
        new("已完成任务", r => r.TasksDone),
        new("逾期未完成任务", r => r.TasksOverdue),
        new("曾逾期任务", r => r.TasksLate),
        new("未销号问题", r => r.FindingsOpen),
        new("逾期未整改问题", r => r.FindingsOverdue),
        new("已销号问题", r => r.FindingsVerified),
        new("等次", r => r.Grade is { } g ? Grades.Label(g) : null),
        new("好（个）", r => r.Grades.Excellent),
        new("较好（个）", r => r.Grades.Good),
        new("一般（个）", r => r.Grades.Fair),
        new("差（个）", r => r.Grades.Poor),
    ];
}
