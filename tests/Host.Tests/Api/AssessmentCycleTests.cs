using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;
using MiniExcelLibs;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// Issue 4's "done means", tried as a new user would: the default template over the demo city's 东湖区 (JC-DH) under the
/// simulated clock, through the API alone. Mid-year the inspector records three findings: 柳湾 rectifies at once, 桃源
/// is sent back once and then verified, 新华 lets its rectification go overdue and escalate. At the year end the three
/// streets are scored and rated, the results published, and the results, the spreadsheet and the accountability
/// report must agree with this calculation by hand (template: six scored items, 100 points, weights 1; rating weights
/// 好 100 / 较好 80 / 一般 60 / 差 0; rating share 0.3; bonus cap 5; 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60):
/// <code>
///            组织 党员 例会 办点 阵地 整改 | 指标  | 测评 好/较好/一般/差      | 测评得分 | 加分 | 总分                         | 否决       | 等次 | 排名
/// 柳湾 LW     18   17   14   13    9   18 | 89.00 | 30/15/4/1: 4440 / 50 = 88.80  | 88.80    | 3    | 62.30 + 26.64 + 3 = 91.94    | —          | 好   | 1
/// 桃源 TY     17   16   13   12    8   16 | 82.00 | 20/20/8/2: 4080 / 50 = 81.60  | 81.60    | 0    | 57.40 + 24.48     = 81.88    | —          | 较好 | 2
/// 新华 XH     19   18   10   14    9   19 | 89.00 | 35/12/3/0: 4640 / 50 = 92.80  | 92.80    | 0    | 62.30 + 27.84     = 90.14    | 换届逾期   | 差   | 3
/// (total = 0.7 × indicator score + 0.3 × rating score + bonus; a veto gives 差 and ranks below every unit not vetoed)
///
/// accountability 2026, JC-DH — a street's own tasks: 4 of the template (targets, letter, self-inspection, duty report) + its rectification
/// dh.secretary  FirstResponsible  LW TY XH   tasks 15, done 14, overdue 1, late 1   findings open 1, overdue 1, verified 2   grades 好1 较好1 差1
/// lw.secretary  DirectResponsible LW         tasks  5, done  5, overdue 0, late 0   findings open 0, overdue 0, verified 1   好
/// ty.secretary  DirectResponsible TY         tasks  5, done  5, overdue 0, late 0   findings open 0, overdue 0, verified 1   较好
/// xh.secretary  DirectResponsible XH         tasks  5, done  4, overdue 1, late 1   findings open 1, overdue 1, verified 0   差
/// </code>
/// The rectifications are due in working days: from Wednesday 10 June, 10 working days skip the Dragon Boat Festival
/// (Friday 19 June) and end on 25 June; 5 end on 17 June, so 新华's goes overdue at midnight, escalates to its street
/// secretary at 09:00 on 18 June (+1 working day) and to the district secretary at 09:00 on 25 June (+5).
/// </summary>
public class AssessmentCycleTests(HostFixture host) : IClassFixture<HostFixture>
{
    static readonly byte[] Pdf = "%PDF-1.4\n% 佐证材料\ntrailer <<>>\n%%EOF\n"u8.ToArray();
    const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const string LW = "JC-DH-LW", TY = "JC-DH-TY", XH = "JC-DH-XH";

    Dictionary<string, HttpClient> people = [];
    long cycleId;

    HttpClient Admin => people["demo.admin"];
    HttpClient District => people["dh.admin"];
    HttpClient Inspector => people["dh.inspector"];
    HttpClient Street(string code) => people[code switch { LW => "lw.secretary", TY => "ty.secretary", _ => "xh.secretary" }];

    Task AdvanceAsync(string to) => Admin.AdvanceClockAsync($"{to}+08:00");

    async Task<long> TaskAsync(string unit, string title) =>
        (await District.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={cycleId}&orgUnitCode={unit}")).EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == title).GetProperty("id").GetInt64();

    async Task UploadAsync(HttpClient client, long taskId) =>
        await client.PostAsync($"/api/tasks/{taskId}/evidence", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "佐证.pdf" } }).JsonAsync(HttpStatusCode.Created);

    Task SubmitAsync(HttpClient client, long taskId, object data) => client.PostJsonAsync($"/api/tasks/{taskId}/submit", new { data, comment = "请审核" });

    Task ReviewAsync(HttpClient client, long taskId, string decision, string? comment = null) =>
        client.PostJsonAsync($"/api/tasks/{taskId}/review", new { decision, comment });

    async Task<List<JsonElement>> NoticesAsync(HttpClient client, long taskId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/notifications?limit=1000")).EnumerateArray()
            .Where(n => n.TryGetProperty("taskId", out var t) && t.ValueKind == JsonValueKind.Number && t.GetInt64() == taskId).ToList();

    [Fact]
    public async Task A_year_of_findings_rectification_scoring_and_publication_agrees_with_the_hand_calculation()
    {
        people = await DemoPeople.SignInAsync(host, "demo.admin", "dh.admin", "dh.inspector", "dh.secretary", "lw.secretary", "ty.secretary", "xh.secretary");
        cycleId = (await District.PostJsonAsync("/api/cycles", new { templateKey = "annual-responsibility", year = 2026, scopeCode = "JC-DH" }, HttpStatusCode.Created))
            .GetProperty("id").GetInt64();

        await TargetsAndMidYearAsync();
        var (f1, f2, f3) = await FindingsAsync();
        await RectificationsAsync(f1, f2, f3);
        await YearEndAsync();
        await ScoresAsync();

        var results = await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/results");
        Assert.Equal(
            [(1, LW, 89m, 88.8m, 3m, 91.94m, false, "Excellent"), (2, TY, 82m, 81.6m, 0m, 81.88m, false, "Good"), (3, XH, 89m, 92.8m, 0m, 90.14m, true, "Poor")],
            results.EnumerateArray().OrderBy(r => r.GetProperty("rank").GetInt32()).Select(r => (
                r.GetProperty("rank").GetInt32(), r.GetProperty("orgUnitCode").GetString(), r.GetProperty("indicatorScore").GetDecimal(),
                r.GetProperty("ratingScore").GetDecimal(), r.GetProperty("bonus").GetDecimal(), r.GetProperty("total").GetDecimal(),
                r.GetProperty("vetoed").GetBoolean(), r.GetProperty("grade").GetString())));

        var published = await District.PostJsonAsync($"/api/cycles/{cycleId}/results/publish", null);
        Assert.Equal(3, published.GetProperty("results").GetArrayLength());
        await (await District.PutAsJsonAsync($"/api/cycles/{cycleId}/scores/{TY}", new { indicators = new[] { new { code = "organisation", score = 20 } } })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await District.PutAsJsonAsync($"/api/cycles/{cycleId}/ratings/{TY}", new { excellent = 50, good = 0, fair = 0, poor = 0 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await District.PostAsync($"/api/cycles/{cycleId}/results/publish", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        await ResultsSpreadsheetAgreesAsync();
        var participants = await Street(TY).GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/participants");
        Assert.Equal((81.88m, "Good"), (participants[0].GetProperty("score").GetDecimal(), participants[0].GetProperty("grade").GetString()));
        Assert.Contains("排名第2", (await Street(TY).GetFromJsonAsync<JsonElement>("/api/notifications?kind=ResultsPublished"))[0].GetProperty("subject").GetString());
        await AccountabilityAgreesAsync();

        var journal = (await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/journal")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal((3, 3, 3, 1), (journal.Count(a => a == "FindingRecorded"), journal.Count(a => a == "ScoresRecorded"), journal.Count(a => a == "RatingRecorded"), journal.Count(a => a == "ResultsPublished")));
        Assert.True((await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/journal/verify")).GetProperty("valid").GetBoolean());
    }

    /// <summary>Targets and the responsibility letter in January, the self-inspection in June: every street on time.</summary>
    async Task TargetsAndMidYearAsync()
    {
        foreach (var unit in new[] { LW, TY, XH })
        {
            var targets = await TaskAsync(unit, "报送年度党建工作目标");
            await SubmitAsync(Street(unit), targets, new { goals = "建强社区党组织", keyMeasures = "书记抓、抓书记", keyTaskCount = 6 });
            await ReviewAsync(District, targets, "Accept");
            var letter = await TaskAsync(unit, "签订党建工作目标责任书");
            await UploadAsync(Street(unit), letter);
            await SubmitAsync(Street(unit), letter, new { });
            await ReviewAsync(District, letter, "Accept");
        }
        await AdvanceAsync("2026-06-01T10:00:00");
        foreach (var unit in new[] { LW, TY, XH })
        {
            var self = await TaskAsync(unit, "报送半年自查报告");
            await SubmitAsync(Street(unit), self, new { progress = "按计划推进", problems = "个别台账不全", nextSteps = "补齐短板", completionPercent = 55 });
            await ReviewAsync(District, self, "Accept");
        }
    }

    /// <summary>On 10 June the inspector records a finding per street and closes the inspection task.</summary>
    async Task<(JsonElement, JsonElement, JsonElement)> FindingsAsync()
    {
        await AdvanceAsync("2026-06-10T10:00:00");
        var bad = await Inspector.PostAsJsonAsync($"/api/cycles/{cycleId}/findings", new { orgUnitCode = LW, description = "", severity = "Grave", indicatorCode = "nope", rectifyWithinDays = 0 });
        Assert.Equal(["/description", "/severity", "/indicatorCode", "/rectifyWithinDays"], (await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await Street(LW).PostAsJsonAsync($"/api/cycles/{cycleId}/findings", new { orgUnitCode = LW, description = "自查", severity = "Minor", rectifyWithinDays = 5 }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        var f1 = await Inspector.PostJsonAsync($"/api/cycles/{cycleId}/findings",
            new { orgUnitCode = LW, description = "党员活动室未挂牌，阵地标识不规范", severity = "Minor", indicatorCode = "venuesAndFunds", rectifyWithinDays = 10 }, HttpStatusCode.Created);
        var f2 = await Inspector.PostJsonAsync($"/api/cycles/{cycleId}/findings",
            new { orgUnitCode = TY, description = "在职党员报到台账不全，一卡一册一单未建齐", severity = "Major", indicatorCode = "memberManagement", rectifyWithinDays = 10 }, HttpStatusCode.Created);
        var f3 = await Inspector.PostJsonAsync($"/api/cycles/{cycleId}/findings",
            new { orgUnitCode = XH, description = "二季度例会未按时召开", severity = "Major", indicatorCode = "regularMeetings", rectifyWithinDays = 5 }, HttpStatusCode.Created);
        Assert.Equal(new DateTimeOffset(2026, 6, 25, 23, 59, 59, TimeSpan.FromHours(8)), f1.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 23, 59, 59, TimeSpan.FromHours(8)), f3.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(("Open", 0), (f1.GetProperty("status").GetString(), f1.GetProperty("assumedYears").GetArrayLength()));

        foreach (var unit in new[] { LW, TY, XH })
            await SubmitAsync(Inspector, await TaskAsync(unit, "年中督查"), new { inspectedOn = "2026-06-10", summary = "实地督查，发现问题1个", findingsCount = 1 });
        return (f1, f2, f3);
    }

    /// <summary>柳湾 rectified at once; 桃源 returned once, then verified; 新华 never, so it goes overdue and escalates.</summary>
    async Task RectificationsAsync(JsonElement f1, JsonElement f2, JsonElement f3)
    {
        var (t1, t2, t3) = (f1.GetProperty("rectificationTaskId").GetInt64(), f2.GetProperty("rectificationTaskId").GetInt64(), f3.GetProperty("rectificationTaskId").GetInt64());
        Assert.Single(await NoticesAsync(Street(XH), t3), n => n.GetProperty("kind").GetString() == "Finding");
        await (await Street(TY).PostAsync($"/api/tasks/{t1}/evidence", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "a.pdf" } }))
            .AssertProblemAsync(HttpStatusCode.NotFound);

        await AdvanceAsync("2026-06-12T10:00:00");
        await UploadAsync(Street(TY), t2);
        await SubmitAsync(Street(TY), t2, new { measures = "补建登记卡和活动登记簿", completedOn = "2026-06-12" });
        await AdvanceAsync("2026-06-15T10:00:00");
        await ReviewAsync(Inspector, t2, "Return", "仍缺3名在职党员的登记卡，请补齐后再报");
        await UploadAsync(Street(LW), t1);
        await SubmitAsync(Street(LW), t1, new { measures = "活动室已挂牌，标识按规范更新", completedOn = "2026-06-15" });
        Assert.Equal("Rectifying", (await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/findings?orgUnitCode={TY}"))[0].GetProperty("status").GetString());
        await AdvanceAsync("2026-06-16T10:00:00");
        await ReviewAsync(Inspector, t1, "Accept", "已整改到位，予以销号");

        await AdvanceAsync("2026-06-18T10:00:00");
        var xh = await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/findings?orgUnitCode={XH}");
        Assert.Equal(("Open", true), (xh[0].GetProperty("status").GetString(), xh[0].GetProperty("overdue").GetBoolean()));
        Assert.Equal(["Escalation", "Finding", "Overdue", "Reminder"], (await NoticesAsync(Street(XH), t3)).Select(n => n.GetProperty("kind").GetString()).Order());
        Assert.Empty(await NoticesAsync(people["dh.secretary"], t3));

        await AdvanceAsync("2026-06-22T10:00:00");
        await SubmitAsync(Street(TY), t2, new { measures = "登记卡、活动登记簿、反馈单已全部建齐", completedOn = "2026-06-22" });
        await AdvanceAsync("2026-06-23T10:00:00");
        await ReviewAsync(Inspector, t2, "Accept", "销号");
        await AdvanceAsync("2026-06-24T10:00:00");
        Assert.Empty(await NoticesAsync(people["dh.secretary"], t3));
        await AdvanceAsync("2026-06-25T10:00:00");
        var escalated = Assert.Single(await NoticesAsync(people["dh.secretary"], t3));
        Assert.Contains("逾期5个工作日", escalated.GetProperty("subject").GetString());

        var summary = await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/findings/summary");
        Assert.Equal((3, 1, 0, 2, 1), (summary.GetProperty("cycle").GetProperty("total").GetInt32(), summary.GetProperty("cycle").GetProperty("open").GetInt32(),
            summary.GetProperty("cycle").GetProperty("rectifying").GetInt32(), summary.GetProperty("cycle").GetProperty("verified").GetInt32(), summary.GetProperty("cycle").GetProperty("overdue").GetInt32()));
        Assert.Equal(2, (await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/findings?status=Verified")).GetArrayLength());
    }

    /// <summary>From 16 November: duty reports accepted by the first responsible person, on-site scoring and the rating vote closed by the district.</summary>
    async Task YearEndAsync()
    {
        await AdvanceAsync("2026-11-16T10:00:00");
        foreach (var unit in new[] { LW, TY, XH })
        {
            var duty = await TaskAsync(unit, "书记抓基层党建述职报告");
            await UploadAsync(Street(unit), duty);
            await SubmitAsync(Street(unit), duty, new { report = "一年来抓基层党建工作情况", keyIndicatorTable = "见附件" });
            await ReviewAsync(people["dh.secretary"], duty, "Accept", "同意");
            await SubmitAsync(District, await TaskAsync(unit, "现场考核评分"), new { note = "按百分制现场评分" });
            await SubmitAsync(District, await TaskAsync(unit, "民主测评"), new { voters = 50 });
        }
        Assert.Equal("Completed", (await District.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}")).GetProperty("status").GetString());
    }

    /// <summary>The scores and votes of the calculation above, after one refused above the maximum.</summary>
    async Task ScoresAsync()
    {
        var above = await District.PutAsJsonAsync($"/api/cycles/{cycleId}/scores/{LW}", new { indicators = new object[] { new { code = "organisation", score = 21 } } });
        Assert.Equal(["/indicators/0/score"], (await above.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        async Task ScoreAsync(string unit, int[] points, int bonus, bool overdueReelection, int[] votes)
        {
            string[] codes = ["organisation", "memberManagement", "regularMeetings", "liaisonPoints", "venuesAndFunds", "rectification"];
            var indicators = codes.Select((c, i) => (object)new { code = c, score = points[i] })
                .Append(new { code = "innovationPromoted", score = bonus, comment = bonus > 0 ? "“红色楼栋”做法被市委推广" : null })
                .Append(new { code = "seriousViolation", vetoed = false })
                .Append(new { code = "overdueReelection", vetoed = overdueReelection, comment = overdueReelection ? "社区党委换届逾期未换" : null });
            await District.PutJsonAsync($"/api/cycles/{cycleId}/scores/{unit}", new { indicators });
            await District.PutJsonAsync($"/api/cycles/{cycleId}/ratings/{unit}", new { excellent = votes[0], good = votes[1], fair = votes[2], poor = votes[3] });
        }
        await ScoreAsync(LW, [18, 17, 14, 13, 9, 18], 3, false, [30, 15, 4, 1]);
        await ScoreAsync(TY, [17, 16, 13, 12, 8, 16], 0, false, [20, 20, 8, 2]);
        await ScoreAsync(XH, [19, 18, 10, 14, 9, 19], 0, true, [35, 12, 3, 0]);
    }

    /// <summary>The export, opened by a spreadsheet reader: Chinese headers, a row per street, the inputs and the results of the calculation.</summary>
    async Task ResultsSpreadsheetAgreesAsync()
    {
        var response = await District.GetAsync($"/api/cycles/{cycleId}/results.xlsx");
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcel.Query(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        const string total = "总分（指标得分×0.7＋测评得分×0.3＋加分）", grade = "等次（好≥90，较好≥80，一般≥60）";
        Assert.Equal([("1", "柳湾街道", 91.94m, "好"), ("2", "桃源街道", 81.88m, "较好"), ("3", "新华街道", 90.14m, "差")],
            rows.Select(r => (Convert.ToString(r["排名"]), (string)r["单位名称"], Convert.ToDecimal(r[total]), (string)r[grade])));
        var lw = rows[0];
        Assert.Equal((18m, 3m, 30m, 88.8m, 89m), (Convert.ToDecimal(lw["组织建设（满分20）"]), Convert.ToDecimal(lw["加分（上限5分）"]),
            Convert.ToDecimal(lw["好（票，每票100分）"]), Convert.ToDecimal(lw["测评得分"]), Convert.ToDecimal(lw["指标得分（百分制）"])));
        Assert.Equal(("是", "是"), ((string)rows[2]["党组织换届逾期（一票否决）"], (string)rows[2]["一票否决"]));
        foreach (var row in rows) // the total follows from the parts shown
            Assert.Equal(Convert.ToDecimal(row[total]), Math.Round(0.7m * Convert.ToDecimal(row["指标得分（百分制）"]) + 0.3m * Convert.ToDecimal(row["测评得分"]) + Convert.ToDecimal(row["加分（上限5分）"]), 2));

        var negotiated = new HttpRequestMessage(HttpMethod.Get, $"/api/cycles/{cycleId}/results") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue(Xlsx) } } };
        Assert.Equal(Xlsx, (await District.SendAsync(negotiated)).Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The accountability report for 2026 over 东湖区, as JSON and as a spreadsheet both ways.</summary>
    async Task AccountabilityAgreesAsync()
    {
        var report = await District.GetFromJsonAsync<JsonElement>("/api/accountability?year=2026&scopeCode=JC-DH");
        Assert.Equal(
        [
            ("dh.secretary", "FirstResponsible", "JC-DH", 3, 15, 14, 1, 1, 1, 1, 2, (string?)null),
            ("lw.secretary", "DirectResponsible", LW, 1, 5, 5, 0, 0, 0, 0, 1, "Excellent"),
            ("ty.secretary", "DirectResponsible", TY, 1, 5, 5, 0, 0, 0, 0, 1, "Good"),
            ("xh.secretary", "DirectResponsible", XH, 1, 5, 4, 1, 1, 1, 1, 0, "Poor"),
        ],
        report.EnumerateArray().Select(r => (r.GetProperty("username").GetString(), r.GetProperty("responsibility").GetString(), r.GetProperty("orgUnitCode").GetString(),
            r.GetProperty("units").GetArrayLength(), r.GetProperty("tasksTotal").GetInt32(), r.GetProperty("tasksDone").GetInt32(), r.GetProperty("tasksOverdue").GetInt32(),
            r.GetProperty("tasksLate").GetInt32(), r.GetProperty("findingsOpen").GetInt32(), r.GetProperty("findingsOverdue").GetInt32(),
            r.GetProperty("findingsVerified").GetInt32(), r.GetProperty("grade").GetString())));
        var grades = report[0].GetProperty("grades");
        Assert.Equal((1, 1, 0, 1), (grades.GetProperty("excellent").GetInt32(), grades.GetProperty("good").GetInt32(), grades.GetProperty("fair").GetInt32(), grades.GetProperty("poor").GetInt32()));

        var byPath = await District.GetByteArrayAsync("/api/accountability.xlsx?year=2026&scopeCode=JC-DH");
        var negotiated = new HttpRequestMessage(HttpMethod.Get, "/api/accountability?year=2026&scopeCode=JC-DH") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue(Xlsx) } } };
        var byAccept = await (await District.SendAsync(negotiated)).Content.ReadAsByteArrayAsync();
        foreach (var bytes in new[] { byPath, byAccept })
        {
            var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(
            [
                ("第一责任人", "江城市东湖区", "柳湾街道（好）、桃源街道（较好）、新华街道（差）", 14m, 1m, 1m, 2m, (string?)null),
                ("直接责任人", "柳湾街道", "柳湾街道（好）", 5m, 0m, 0m, 1m, "好"),
                ("直接责任人", "桃源街道", "桃源街道（较好）", 5m, 0m, 0m, 1m, "较好"),
                ("直接责任人", "新华街道", "新华街道（差）", 4m, 1m, 1m, 0m, "差"),
            ],
            rows.Select(r => ((string)r["责任类别"], (string)r["单位"], (string)r["负责单位"], Convert.ToDecimal(r["已完成任务"]), Convert.ToDecimal(r["逾期未完成任务"]),
                Convert.ToDecimal(r["未销号问题"]), Convert.ToDecimal(r["已销号问题"]), r["等次"] as string)));
            Assert.Equal("新华街道党工委书记（直接责任人）", rows[3]["姓名"]);
        }
    }
}
