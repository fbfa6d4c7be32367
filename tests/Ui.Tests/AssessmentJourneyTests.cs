using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Runtime;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>
/// 问题整改 and 考核评分 in the browser: an inspector records a finding, the street answers its rectification, the
/// inspector verifies it (销号); a district administrator scores, sees the total and grade the engine computes,
/// publishes and downloads the results workbook.
/// </summary>
public class AssessmentJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly byte[] Pdf = "%PDF-1.7\n% 整改佐证\ntrailer <<>>\n%%EOF\n"u8.ToArray();
    static readonly string Shots = Path.Combine(Path.GetTempPath(), "cw-shots");

    async Task<long> LaunchAsync(string scopeCode)
    {
        var template = await host.Get<Templates>().LoadPublishedAsync("annual-responsibility", null, CancellationToken.None);
        var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year;
        var cycle = await host.Get<CycleLauncher>().LaunchAsync(new LaunchRequest(template.Key, template.Version, template.Definition, year, scopeCode), Root, CancellationToken.None);
        return cycle.Id;
    }

    [Fact]
    public async Task An_inspector_records_a_finding_the_street_answers_it_and_the_inspector_verifies_it()
    {
        Directory.CreateDirectory(Shots);
        await LaunchAsync("JC-DH");

        await using (var inspector = await host.SignInAsync("dh.inspector"))
        {
            var page = inspector.Page;
            await page.GetByRole(AriaRole.Link, new() { Name = "问题整改", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "问题整改" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("记录问题");
            await page.GetByRole(AriaRole.Button, new() { Name = "记录问题" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByLabel("被检查单位")).ToBeVisibleAsync();
            await dialog.GetByLabel("被检查单位").SelectOptionAsync("JC-DH-LW");
            await dialog.GetByLabel("问题描述").FillAsync("党员活动登记簿未按月登记，缺少第三季度记录");
            await dialog.GetByLabel("整改期限（工作日）").FillAsync("5");
            await inspector.ShotAsync(Path.Combine(Shots, "findings-record-1366.png"));
            await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
            var row = page.Locator("tr", new() { HasText = "党员活动登记簿未按月登记" });
            await Assertions.Expect(row).ToContainTextAsync("柳湾街道");
            await Assertions.Expect(row).ToContainTextAsync("待整改");
            await Assertions.Expect(row).ToContainTextAsync("还剩 5 个工作日");
        }

        await using (var street = await host.SignInAsync("lw.secretary"))
        {
            var page = street.Page;
            await street.GoAsync("/findings");
            var row = page.Locator("tr", new() { HasText = "党员活动登记簿未按月登记" });
            await row.GetByRole(AriaRole.Button, new() { Name = "填报整改" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("整改措施及成效").FillAsync("已补登第三季度活动记录，建立按月检查制度");
            await dialog.GetByLabel("整改完成日期").FillAsync(ChinaTime.DateOf(host.Clock.GetUtcNow()).ToString("yyyy-MM-dd"));
            await dialog.GetByLabel("上传材料").SetInputFilesAsync(new FilePayload { Name = "整改报告.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await street.ShotAsync(Path.Combine(Shots, "findings-answer-1366.png"));
            await dialog.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
            await Assertions.Expect(row).ToContainTextAsync("待销号");
        }

        await using (var inspector = await host.SignInAsync("dh.inspector"))
        {
            var page = inspector.Page;
            await inspector.GoAsync("/findings");
            var row = page.Locator("tr", new() { HasText = "党员活动登记簿未按月登记" });
            await Assertions.Expect(row).ToContainTextAsync("待销号");
            await row.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
            var confirm = page.Locator(".ant-popover");
            await Assertions.Expect(confirm).ToContainTextAsync("不可撤回");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("已销号");
            await page.GetByLabel("状态").SelectOptionAsync("Verified");
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await inspector.ShotAsync(Path.Combine(Shots, "findings-verified-1366.png"));
        }
        await using (var phone = await host.SignInAsync("lw.secretary", 390, 844))
        {
            await phone.GoAsync("/findings");
            await Assertions.Expect(phone.Page.Locator("tr", new() { HasText = "党员活动登记簿未按月登记" })).ToContainTextAsync("已销号");
            await phone.ShotAsync(Path.Combine(Shots, "findings-390.png"));
        }
        var finding = (await host.Get<FindingQueries>().PageAsync(new FindingFilter(OrgUnitCode: "JC-DH-LW"), Root, CancellationToken.None)).Items.Single();
        Assert.Equal(FindingStatus.Verified, finding.Finding.Status);
    }

    static IReadOnlyList<ScoreInput?> Sheet(decimal each) =>
    [
        new ScoreInput("organisation", each * 20), new ScoreInput("memberManagement", each * 20), new ScoreInput("regularMeetings", each * 15),
        new ScoreInput("liaisonPoints", each * 15), new ScoreInput("venuesAndFunds", each * 10), new ScoreInput("rectification", each * 20),
        new ScoreInput("seriousViolation", Vetoed: false), new ScoreInput("overdueReelection", Vetoed: false), new ScoreInput("innovationPromoted", 0),
    ];

    [Fact]
    public async Task A_district_administrator_scores_sees_total_and_grade_publishes_and_exports_the_results()
    {
        Directory.CreateDirectory(Shots);
        var cycleId = await LaunchAsync("JC-XS");
        var scoring = host.Get<Scoring>();
        foreach (var (street, share, votes) in new[] { ("JC-XS-FL", 0.95m, new RatingInput(10, 0, 0, 0)), ("JC-XS-SQ", 0.7m, new RatingInput(2, 4, 4, 0)) })
        {
            await scoring.SetScoresAsync(cycleId, street, Sheet(share), Root, CancellationToken.None);
            await scoring.SetRatingAsync(cycleId, street, votes, Root, CancellationToken.None);
        }

        await using var admin = await host.SignInAsync("xs.admin");
        var page = admin.Page;
        await admin.GoAsync($"/cycles/{cycleId}/scoring");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "考核评分", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".ant-breadcrumb")).ToContainTextAsync("考核周期");
        var row = page.Locator("tr[data-unit='JC-XS-QS']");
        await Assertions.Expect(row).ToContainTextAsync("待评");
        await row.GetByRole(AriaRole.Button, new() { Name = "评分" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        foreach (var (code, score) in new[] { ("organisation", "18"), ("memberManagement", "17"), ("regularMeetings", "14"), ("liaisonPoints", "13"), ("venuesAndFunds", "9"), ("rectification", "18"), ("innovationPromoted", "3") })
            await dialog.Locator($"#score-{code}").FillAsync(score);
        await dialog.GetByLabel("好（票）", new() { Exact = true }).FillAsync("6");
        await dialog.GetByLabel("较好（票）", new() { Exact = true }).FillAsync("3");
        await dialog.GetByLabel("一般（票）", new() { Exact = true }).FillAsync("1");
        await dialog.GetByLabel("差（票）", new() { Exact = true }).FillAsync("0");
        await admin.ShotAsync(Path.Combine(Shots, "scoring-sheet-1366.png"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存评分" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();

        // the page shows what the engine computes: 0.7 × 89 + 0.3 × (6×100 + 3×80 + 1×60)/10 + 3 = 62.3 + 27 + 3 = 92.3, 好, behind 枫林's 96.5
        var results = await host.Get<AssessmentResults>().GetAsync(cycleId, Root, CancellationToken.None);
        var qs = results.Results.Single(r => r.OrgUnitCode == "JC-XS-QS");
        Assert.Equal((92.3m, Grade.Excellent, 2), (qs.Total, qs.Grade, qs.Rank));
        await Assertions.Expect(row.Locator(".cw-as-total")).ToHaveTextAsync("92.3");
        await Assertions.Expect(row).ToContainTextAsync("好");
        await Assertions.Expect(page.Locator("tbody tr").Nth(1)).ToHaveAttributeAsync("data-unit", "JC-XS-QS");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "责任落实情况（第一责任人、直接责任人）" })).ToContainTextAsync("西山区委书记");
        await admin.ShotAsync(Path.Combine(Shots, "scoring-1366.png"));

        await page.GetByRole(AriaRole.Button, new() { Name = "发布结果" }).ClickAsync();
        var confirm = page.Locator(".ant-popover");
        await Assertions.Expect(confirm).ToContainTextAsync("不可撤回");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "发布结果" }).ClickAsync();
        await Assertions.Expect(page.GetByText("结果已于")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "发布结果" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "评分" })).ToHaveCountAsync(0);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "导出Excel" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Path.Combine(Shots, "results.xlsx");
        await download.SaveAsAsync(file);
        var sheet = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var totals = sheet.ToDictionary(r => (string)r["单位名称"]!, r => Convert.ToDecimal(r.Single(c => c.Key.StartsWith("总分", StringComparison.Ordinal)).Value));
        Assert.Equal(results.Results.ToDictionary(r => r.Name, r => r.Total!.Value), totals);
        Assert.Equal(3, totals.Count);
    }
}
