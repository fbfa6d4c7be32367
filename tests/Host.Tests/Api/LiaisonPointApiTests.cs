using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;
using MiniExcelLibs;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// The issue's "done means", tried as a new user would: the demo city (every leader with a point but
/// qs.secretary), points for a city, a district and a street leader, visits and problems, simulated time past
/// the due dates, then the dashboard's order, the overdue flags, the escalations, the compliance report and the
/// assessment spreadsheet.
/// </summary>
public class LiaisonPointApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static async Task<List<JsonElement>> NoticesAsync(HttpClient client, string kind) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/notifications?kind={kind}")).EnumerateArray().ToList();

    static object Point(string leader, string community, string backingUnit, params object[] workGroup) => new
    {
        leaderUsername = leader, communityCode = community, year = 2026, backingUnitCode = backingUnit,
        workGroup = workGroup.Length > 0 ? workGroup : [new { name = "工作组组长", role = "组长" }],
        targets = new[]
        {
            new { code = "T1", title = "党员活动阵地规范化", dueOn = "2026-06-30" },
            new { code = "T2", title = "在职党员报到服务", dueOn = "2026-09-30" },
            new { code = "T3", title = "居民满意度达到90%", dueOn = "2026-12-15" },
        },
    };

    static Task AdvanceAsync(HttpClient admin, string to) => admin.AdvanceClockAsync(to);

    static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    [Fact]
    public async Task Points_for_a_city_a_district_and_a_street_leader_through_simulated_time_to_dashboard_escalations_compliance_and_assessment()
    {
        var people = await DemoPeople.SignInAsync(host, "demo.admin", "city.leader1", "dh.secretary", "dh.admin", "lw.secretary", "qs01.officer", "qs.secretary", "xs.admin");
        var (admin, cityLeader, districtLeader, districtAdmin, streetLeader, qsOfficer) =
            (people["demo.admin"], people["city.leader1"], people["dh.secretary"], people["dh.admin"], people["lw.secretary"], people["qs01.officer"]);

        var before = await admin.GetAsync("/api/liaison-points/compliance?year=2026").JsonAsync();
        Assert.Equal(10, before.GetProperty("leaders").GetArrayLength());
        Assert.Equal(["qs.secretary"], before.GetProperty("leadersWithoutPoint").EnumerateArray().Select(l => l.GetProperty("username").GetString()));
        Assert.Equal("Street", before.GetProperty("leadersWithoutPoint")[0].GetProperty("level").GetString());
        Assert.Equal("City", (await cityLeader.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("leaderLevel").GetString());

        var city = await cityLeader.PostJsonAsync("/api/liaison-points", Point("city.leader1", "JC-XS-QS-01", "JC-XS-QS-U1"), HttpStatusCode.Created);
        var district = await districtAdmin.PostJsonAsync("/api/liaison-points", Point("dh.secretary", "JC-DH-XH-01", "JC-DH-XH-U1"), HttpStatusCode.Created);
        var street = await streetLeader.PostJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-02", "JC-DH-LW-U1",
            new { name = "李强", role = "组长" }, new { name = "柳湾供电所 王芳", role = "联络员", fromBackingUnit = true }), HttpStatusCode.Created);
        Assert.Equal(["City", "District", "Street"], new[] { city, district, street }.Select(p => p.GetProperty("leaderLevel").GetString()));
        Assert.Equal("JC-XS-QS-U1", city.GetProperty("backingUnit").GetString());
        Assert.Equal(3, city.GetProperty("targets").GetArrayLength());

        var found = await cityLeader.PostJsonAsync($"/api/liaison-points/{Id(city)}/visits", new
        {
            visitedOn = "2026-01-05", summary = "调研社区党建阵地和在职党员报到情况",
            problems = new[] { new { description = "楼道党建宣传栏缺失", dueOn = "2026-01-20" } },
        }, HttpStatusCode.Created);
        var cityProblem = found.GetProperty("problems")[0];
        Assert.Equal("JC-XS-QS-01", cityProblem.GetProperty("ownerUnitCode").GetString());
        await districtLeader.PostJsonAsync($"/api/liaison-points/{Id(district)}/visits", new
        {
            visitedOn = "2026-01-05", summary = "走访驻区单位",
            problems = new[] { new { description = "驻区单位党员未到社区报到", dueOn = "2026-03-31", ownerUnitCode = "JC-DH-XH-U1" } },
        }, HttpStatusCode.Created);
        await streetLeader.PutJsonAsync($"/api/liaison-points/{Id(street)}/targets/T1", new { progress = 60, note = "选址完成" });

        await AdvanceAsync(admin, "2026-01-13T09:30:00+08:00");
        Assert.Contains("还有7天", Assert.Single(await NoticesAsync(qsOfficer, "ProblemReminder")).GetProperty("subject").GetString());
        await AdvanceAsync(admin, "2026-01-21T08:00:00+08:00");
        Assert.Single(await NoticesAsync(qsOfficer, "ProblemOverdue"));
        Assert.Empty(await NoticesAsync(cityLeader, "ProblemEscalation"));
        var mine = (await cityLeader.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026")).EnumerateArray().ToList();
        Assert.Equal(2, mine.Count); // the seeded one and the new one, the overdue problem first
        Assert.Equal((Id(city), 1), (Id(mine[0]), mine[0].GetProperty("overdueProblems").GetInt32()));
        Assert.Equal("2026-01-05", mine[0].GetProperty("lastVisitOn").GetString());

        await AdvanceAsync(admin, "2026-01-21T09:30:00+08:00"); // the first working day after the due date
        var escalation = Assert.Single(await NoticesAsync(cityLeader, "ProblemEscalation"));
        Assert.Equal(cityProblem.GetProperty("id").GetInt64(), escalation.GetProperty("problemId").GetInt64());
        Assert.Empty(await NoticesAsync(qsOfficer, "ProblemEscalation"));
        var detail = await cityLeader.GetFromJsonAsync<JsonElement>($"/api/liaison-points/{Id(city)}");
        Assert.True(detail.GetProperty("problems")[0].GetProperty("overdue").GetBoolean());
        Assert.True(detail.GetProperty("problems")[0].GetProperty("escalated").GetBoolean());

        await AdvanceAsync(admin, "2026-02-02T10:00:00+08:00");
        await streetLeader.PostJsonAsync($"/api/liaison-points/{Id(street)}/visits", new { visitedOn = "2026-02-02", summary = "推进阵地建设" }, HttpStatusCode.Created);
        await streetLeader.PutJsonAsync($"/api/liaison-points/{Id(street)}/targets/T1", new { progress = 100, note = "活动室已挂牌使用" });
        var resolved = await cityLeader.PutJsonAsync($"/api/liaison-points/{Id(city)}/problems/{cityProblem.GetProperty("id").GetInt64()}",
            new { status = "Resolved", note = "宣传栏已安装" });
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());

        var dashboard = await admin.GetAsync("/api/liaison-points/dashboard?year=2026&scopeCode=JC").JsonAsync();
        var order = dashboard.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(12, order.Count);
        Assert.Equal(Id(district), Id(order[0])); // an open problem, the rest have none (the city leader's is resolved)
        Assert.Equal(Id(street), Id(order[^1])); // the highest progress
        Assert.Equal(33, order[^1].GetProperty("progress").GetInt32());
        Assert.Equal(1, order[^1].GetProperty("backingUnit").GetProperty("workGroupMembers").GetInt32());
        Assert.Equal(9, dashboard.GetProperty("totals").GetProperty("leaders").GetInt32());

        await AdvanceAsync(admin, "2026-04-10T10:00:00+08:00");
        dashboard = await admin.GetAsync("/api/liaison-points/dashboard?year=2026&scopeCode=JC").JsonAsync();
        order = dashboard.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(Id(district), Id(order[0]));
        Assert.Equal(["OverdueProblems", "VisitDue"], order[0].GetProperty("attention").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(95, order[0].GetProperty("daysSinceLastVisit").GetInt32());
        Assert.Contains(await NoticesAsync(districtLeader, "ProblemEscalation"), n => n.GetProperty("subject").GetString()!.Contains("驻区单位党员未到社区报到"));
        Assert.Equal(2, (await NoticesAsync(cityLeader, "VisitDue")).Count); // both of his points were last visited (or set up) on 5 January
        Assert.Empty(await NoticesAsync(people["qs.secretary"], "VisitDue"));

        var compliance = await admin.GetAsync("/api/liaison-points/compliance?year=2026").JsonAsync();
        Assert.Equal(["qs.secretary"], compliance.GetProperty("leadersWithoutPoint").EnumerateArray().Select(l => l.GetProperty("username").GetString()));
        var unvisited = compliance.GetProperty("pointsWithoutRecentVisit").EnumerateArray().Select(Id).ToList();
        Assert.Equal(11, unvisited.Count);
        Assert.DoesNotContain(Id(street), unvisited);
        var xs = await people["xs.admin"].GetAsync("/api/liaison-points/compliance?year=2026").JsonAsync();
        Assert.Equal(["qs.secretary"], xs.GetProperty("leadersWithoutPoint").EnumerateArray().Select(l => l.GetProperty("username").GetString()));
        Assert.Empty((await districtAdmin.GetAsync("/api/liaison-points/compliance?year=2026").JsonAsync()).GetProperty("leadersWithoutPoint").EnumerateArray());

        var response = await admin.GetAsync("/api/liaison-points/assessment.xlsx?year=2026&scopeCode=JC");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = MiniExcel.Query(await response.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal("柳湾幸福社区", rows[0]["联系点"]);
        Assert.Equal(1d, Convert.ToDouble(rows[0]["排名"]));
        // recomputed by hand for the new formula: on 10 April the first quarter is over, so 1 visit is required and 1 was made;
        // no problem found, so P = V = 1: 50 × 1/3 + 30 × 1 + 20 × 1 = 66.7
        Assert.Equal(66.7d, Convert.ToDouble(rows[0]["考核得分"]));
        Assert.Equal("街道", rows[0]["领导层级"]);
        Assert.Equal((1d, 0d, 0d), (Convert.ToDouble(rows[0]["应走访次数"]), Convert.ToDouble(rows[0]["逾期未解决"]), Convert.ToDouble(rows[0]["未到期问题"])));
        Assert.True((await cityLeader.GetFromJsonAsync<JsonElement>($"/api/liaison-points/{Id(city)}/journal/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_named_field_by_field_and_other_peoples_points_do_not_exist()
    {
        var people = await DemoPeople.SignInAsync(host, "lw.secretary", "lw01.officer", "xs.admin");
        var (streetLeader, officer, otherDistrict) = (people["lw.secretary"], people["lw01.officer"], people["xs.admin"]);

        var problem = await (await streetLeader.PostAsJsonAsync("/api/liaison-points", new { leaderUsername = "lw.secretary", year = 2026, workGroup = Array.Empty<object>(),
            targets = new[] { new { code = "T 1", title = "", dueOn = "2026-13-01" } } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/communityCode", "/backingUnitCode", "/workGroup", "/targets/0/code", "/targets/0/title", "/targets/0/dueOn"], problem.ErrorFields());
        var outside = await (await streetLeader.PostAsJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-TY-01", "JC-XS-QS-U1"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/communityCode", "/backingUnitCode"], outside.ErrorFields());
        await (await streetLeader.PostAsJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-03", "JC-DH-LW-U2"))).AssertProblemAsync(HttpStatusCode.Conflict);
        // the street's leader holds no role within the community officer's scope: to the officer, no such user
        var unseen = await (await officer.PostAsJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-01", "JC-DH-LW-U2"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/leaderUsername"], unseen.ErrorFields());

        var own = (await streetLeader.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026")).EnumerateArray().Single(p => p.GetProperty("community").GetString() == "JC-DH-LW-03");
        await (await officer.GetAsync($"/api/liaison-points/{Id(own)}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherDistrict.GetAsync($"/api/liaison-points/{Id(own)}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherDistrict.PostAsJsonAsync($"/api/liaison-points/{Id(own)}/visits", new { visitedOn = "2026-01-05", summary = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherDistrict.GetAsync("/api/liaison-points/dashboard?scopeCode=JC-DH")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await officer.GetFromJsonAsync<JsonElement>("/api/liaison-points")).EnumerateArray());

        var visit = await (await streetLeader.PostAsJsonAsync($"/api/liaison-points/{Id(own)}/visits", new
        {
            visitedOn = "2099-01-01", summary = "", problems = new[] { new { description = "x", dueOn = "2099-02-01", ownerUnitCode = "JC-XS-QS-01" } },
        })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/visitedOn", "/summary", "/problems/0/ownerUnitCode"], visit.ErrorFields());
        var progress = await (await streetLeader.PutAsJsonAsync($"/api/liaison-points/{Id(own)}/targets/T1", new { progress = 150 })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/progress"], progress.ErrorFields());
        await (await streetLeader.PutAsJsonAsync($"/api/liaison-points/{Id(own)}/targets/T9", new { progress = 10 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await streetLeader.PutAsJsonAsync($"/api/liaison-points/{Id(own)}/problems/999999", new { status = "Resolved", note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
