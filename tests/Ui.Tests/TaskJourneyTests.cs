using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Runtime;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>
/// A task from the street to the district and back: 我的任务, the template's form with every kind of field, evidence,
/// 提交; the review queue, 退回 with 审核意见, resubmission, 通过; another street sees 未找到; a phone shows it all.
/// </summary>
public class TaskJourneyTests(UiHost host) : IClassFixture<UiHost>, IAsyncLifetime
{
    const string Title = "年度述职报告";
    static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();
    static readonly string Shots = Path.Combine(Path.GetTempPath(), "cw-shots");

    /// <summary>A template whose one task has a field of every type the template format knows, and needs evidence.</summary>
    static readonly TemplateDefinition Report = new(
        "ui-report", "述职评议考核", null, new ParticipantRule("Street"), new ReminderRule([7, 1]), [new EscalationStep(1, "directResponsible")],
        [
            new StageDefinition("Report", "年初述职", new OpeningRule.OnDate(1, 1), DueRule.Parse("03-31")!, null, null,
            [
                new TaskDefinition("report", Title, "对照年度目标，报告党建工作责任制落实情况。", "streetOfficer", "districtAdmin", true, true, [],
                [
                    new FormField("summary", "工作总结", "text", true),
                    new FormField("phone", "联系电话", "text", false, MaxLength: 20),
                    new FormField("members", "党员人数", "integer", true, Min: 1, Max: 100000),
                    new FormField("funds", "党建经费（万元）", "number", false, Min: 0),
                    new FormField("heldOn", "述职会议日期", "date", true),
                    new FormField("done", "是否完成年度目标", "boolean", true),
                    new FormField("rating", "自评等次", "choice", true, Options: ["好", "较好", "一般", "差"]),
                ]),
            ]),
        ],
        [], null);

    long taskId;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Shots);
        var admin = await CallerAsync("dh.admin");
        // launched once for the class: the tests share the host, each finds the cycle the first one launched
        var cycle = (await host.Get<CycleQueries>().ListAsync(null, admin, CancellationToken.None)).FirstOrDefault(c => c.TemplateKey == Report.Key);
        if (cycle is null)
        {
            var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year + 1;
            host.Clock.MoveTo(ChinaTime.At(new DateOnly(year, 1, 5), 10));
            cycle = await host.Get<CycleLauncher>().LaunchAsync(new LaunchRequest(Report.Key, 1, Report, year, "JC-DH"), admin, CancellationToken.None);
        }
        var tasks = await host.Get<TaskQueries>().ListAsync(new TaskFilter(null, null, cycle.Id, "JC-DH-LW", 10, 0), admin, CancellationToken.None);
        taskId = Assert.Single(tasks).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<Caller> CallerAsync(string username)
    {
        var tokens = host.Get<AccessTokens>();
        var token = await tokens.IssueAsync(username, host.Passwords[username], "192.0.2.1", CancellationToken.None);
        return await tokens.AuthenticateAsync(token!.Value, CancellationToken.None) ?? throw new InvalidOperationException();
    }

    static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Presses a button that asks first (Popconfirm) and confirms.</summary>
    static async Task ConfirmAsync(IPage page, string name)
    {
        await Button(page, name).ClickAsync();
        await page.Locator(".ant-popover:visible").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
    }

    static Task ExpectStatusAsync(IPage page, string status) =>
        Assertions.Expect(page.Locator(".cw-tasks-status")).ToContainTextAsync(status);

    [Fact]
    public async Task A_street_submits_the_form_with_evidence_the_district_returns_it_with_a_comment_and_accepts_the_resubmission()
    {
        await using var officer = await host.SignInAsync("lw.secretary");
        var page = officer.Page;
        await officer.GoAsync("/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的任务" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-tasks-table")).ToContainTextAsync("待提交");
        await Assertions.Expect(page.Locator(".cw-tasks-table")).ToContainTextAsync("个工作日");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "本期应开会议" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "待整改问题" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-tasks-side .ant-spin")).ToHaveCountAsync(0);
        await officer.ShotAsync(Path.Combine(Shots, "tasks-list-1366.png"));
        await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "面包屑导航" })).ToContainTextAsync("述职评议考核");
        await Assertions.Expect(page.Locator(".cw-tasks-facts")).ToContainTextAsync("年初述职");

        // submitting without the required fields and evidence: the engine's answers land under the fields
        await ConfirmAsync(page, "提交");
        await Assertions.Expect(page.Locator(".cw-field", new() { Has = page.GetByLabel("工作总结") })).ToContainTextAsync("请填写工作总结");
        await Assertions.Expect(page.Locator(".cw-field-error").Filter(new() { HasText = "请先上传至少一份佐证材料" })).ToBeVisibleAsync();

        await page.GetByLabel("工作总结").FillAsync("全年召开党工委会议12次，完成目标任务。");
        await page.GetByLabel("联系电话").FillAsync("0571-8888");
        await page.GetByLabel("党员人数").FillAsync("356");
        await page.GetByLabel("党建经费（万元）").FillAsync("12.5");
        await page.GetByLabel("述职会议日期").FillAsync($"{host.Clock.GetUtcNow().Year}-01-04");
        await page.GetByLabel("是否完成年度目标").SelectOptionAsync(new SelectOptionValue { Label = "是" });
        await page.GetByLabel("自评等次").SelectOptionAsync(new SelectOptionValue { Label = "较好" });
        await page.GetByLabel("上传材料").SetInputFilesAsync(new FilePayload { Name = "述职报告.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "述职报告.pdf" })).ToBeVisibleAsync();
        // a file attached by mistake is taken back before submitting
        await page.GetByLabel("上传材料").SetInputFilesAsync(new FilePayload { Name = "草稿.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "草稿.pdf" })).ToBeVisibleAsync();
        await Button(page, "移除 草稿.pdf").ClickAsync();
        await page.Locator(".ant-popover:visible").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "草稿.pdf" })).ToHaveCountAsync(0);
        await officer.ShotAsync(Path.Combine(Shots, "task-form-1366.png"));
        await ConfirmAsync(page, "提交");
        await ExpectStatusAsync(page, "已提交");
        await Assertions.Expect(Button(page, "提交")).ToHaveCountAsync(0);

        // the district's review queue: the submission first, awaiting review
        await using var district = await host.SignInAsync("dh.admin");
        var review = district.Page;
        await district.GoAsync("/tasks");
        await Assertions.Expect(review.Locator(".cw-tasks-table tbody tr").First).ToContainTextAsync("待审核");
        await Assertions.Expect(review.Locator(".cw-tasks-table tbody tr").First).ToContainTextAsync("柳湾街道");
        await district.ShotAsync(Path.Combine(Shots, "review-queue-1366.png"));
        await review.Locator(".cw-tasks-table tbody tr").First.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        var data = review.Locator(".cw-tasks-data");
        foreach (var shown in new[] { "全年召开党工委会议12次", "0571-8888", "356", "12.5", "是", "较好" })
            await Assertions.Expect(data).ToContainTextAsync(shown);
        var evidence = review.GetByRole(AriaRole.Link, new() { Name = "述职报告.pdf" });
        var download = await review.APIRequest.GetAsync((await evidence.GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Equal(Pdf, await download.BodyAsync());

        await ConfirmAsync(review, "退回");
        await Assertions.Expect(review.Locator(".cw-field", new() { Has = review.GetByLabel("审核意见") })).ToContainTextAsync("退回时必须填写审核意见");
        await review.GetByLabel("审核意见").FillAsync("请补充党建经费使用明细。");
        await district.ShotAsync(Path.Combine(Shots, "review-1366.png"));
        await ConfirmAsync(review, "退回");
        await ExpectStatusAsync(review, "已退回");

        // the street sees the comment above the form, which keeps what was submitted
        await officer.GoAsync($"/tasks/{taskId}");
        await Assertions.Expect(page.Locator(".cw-tasks-returned")).ToContainTextAsync("请补充党建经费使用明细。");
        await Assertions.Expect(page.GetByLabel("党员人数")).ToHaveValueAsync("356");
        await Assertions.Expect(Button(page, "移除 述职报告.pdf")).ToHaveCountAsync(0); // submitted with the form: part of the record
        await officer.ShotAsync(Path.Combine(Shots, "task-returned-1366.png"));
        await page.GetByLabel("党建经费（万元）").FillAsync("13.2");
        await ConfirmAsync(page, "提交");
        await ExpectStatusAsync(page, "已提交");

        await district.GoAsync("/tasks?status=Submitted");
        await Assertions.Expect(review.GetByLabel("状态")).ToHaveValueAsync("Submitted");
        await review.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(review.Locator(".cw-tasks-data")).ToContainTextAsync("13.2");
        await ConfirmAsync(review, "通过");
        await ExpectStatusAsync(review, "已通过");
        await Assertions.Expect(Button(review, "通过")).ToHaveCountAsync(0);

        await officer.GoAsync($"/tasks/{taskId}");
        await ExpectStatusAsync(page, "已通过");
    }

    [Fact]
    public async Task Another_streets_officer_opening_the_task_sees_not_found()
    {
        await using var other = await host.SignInAsync("ty.secretary");
        await other.GoAsync($"/tasks/{taskId}");
        await Assertions.Expect(other.Page.GetByText("未找到").First).ToBeVisibleAsync();
        await Assertions.Expect(other.Page.GetByText(Title)).ToHaveCountAsync(0);
        var file = await other.Page.APIRequest.GetAsync("/files/evidence/999999");
        Assert.Equal(404, file.Status);
    }

    [Fact]
    public async Task The_filters_live_in_the_address_and_an_empty_result_says_what_to_do()
    {
        await using var officer = await host.SignInAsync("lw.secretary");
        var page = officer.Page;
        await officer.GoAsync("/tasks?overdue=true");
        await Assertions.Expect(page.GetByLabel("只看逾期")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "清除筛选" })).ToBeVisibleAsync();
        await page.GetByLabel("只看逾期").UncheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tasks$"));
        await page.GetByLabel("状态").SelectOptionAsync("Open");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Open"));
    }

    [Fact]
    public async Task On_a_phone_the_list_and_a_task_fit_the_screen()
    {
        await using var officer = await host.SignInAsync("lw.secretary", 390, 844);
        var page = officer.Page;
        await officer.GoAsync("/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-tasks-side .ant-spin")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await officer.ShotAsync(Path.Combine(Shots, "tasks-list-390.png"));
        await officer.GoAsync($"/tasks/{taskId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cw-tasks-facts")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await officer.ShotAsync(Path.Combine(Shots, "task-390.png"));

        await using var district = await host.SignInAsync("dh.admin", 390, 844);
        await district.GoAsync($"/tasks/{taskId}");
        await Assertions.Expect(district.Page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        Assert.True(await district.Page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await district.ShotAsync(Path.Combine(Shots, "task-review-390.png"));
    }
}
