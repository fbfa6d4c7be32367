using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>What the liaison API refuses, and how: every bad value by its field, never a server error, and nothing that tells a caller what lies outside their scope.</summary>
public class LiaisonInputApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    static async Task<long> OwnPointAsync(HttpClient leader, string community) =>
        Id((await leader.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026")).EnumerateArray().Single(p => p.GetProperty("community").GetString() == community));

    [Fact]
    public async Task A_date_beyond_the_products_years_is_named_by_its_field_not_a_server_error()
    {
        var leader = (await DemoPeople.SignInAsync(host, "ty.secretary"))["ty.secretary"];
        var point = await OwnPointAsync(leader, "JC-DH-TY-03");

        var far = await (await leader.PostAsJsonAsync($"/api/liaison-points/{point}/visits", new
        {
            visitedOn = "2026-01-05", summary = "走访",
            problems = new[] { new { description = "宣传栏缺失", dueOn = "9999-12-31" }, new { description = "台账不全", dueOn = "2026-02-27" } },
        })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/problems/0/dueOn"], far.ErrorFields());
        var visit = await (await leader.PostAsJsonAsync($"/api/liaison-points/{point}/visits", new { visitedOn = "9999-01-05", summary = "走访" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/visitedOn"], visit.ErrorFields());
        var target = await (await leader.PostAsJsonAsync($"/api/liaison-points/{point}/targets", new { code = "T9", title = "x", dueOn = "9999-12-31" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/dueOn"], target.ErrorFields());
        var noYear = await (await leader.PostAsJsonAsync("/api/liaison-points", new
        {
            leaderUsername = "ty.secretary", communityCode = "JC-DH-TY-04", backingUnitCode = "JC-DH-TY-U1",
            workGroup = new[] { new { name = "组长", role = "组长" } }, targets = new[] { new { code = "T1", title = "x", dueOn = "9999-12-31" } },
        })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/year", "/targets/0/dueOn"], noYear.ErrorFields());
        Assert.Empty((await leader.GetFromJsonAsync<JsonElement>($"/api/liaison-points/{point}")).GetProperty("visits").EnumerateArray());
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("2101")]
    [InlineData("-1")]
    public async Task Every_list_of_points_refuses_a_year_outside_the_products_years_by_name(string year)
    {
        var admin = (await DemoPeople.SignInAsync(host, "demo.admin"))["demo.admin"];
        foreach (var list in new[] { "", "/dashboard", "/assessment", "/compliance" })
        {
            var problem = await (await admin.GetAsync($"/api/liaison-points{list}?year={year}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["/year"], problem.ErrorFields());
        }
    }

    static object Point(string leader, string community, string backingUnit, string? memberUsername = null) => new
    {
        leaderUsername = leader, communityCode = community, year = 2026, backingUnitCode = backingUnit,
        workGroup = new[] { new { name = "工作组组长", role = "组长", username = memberUsername } },
        targets = new[] { new { code = "T1", title = "党员活动阵地规范化", dueOn = "2026-06-30" } },
    };

    /// <summary>The problem's errors with the username asked about taken out: what the answer says about anyone.</summary>
    static async Task<string> ErrorsAsync(HttpResponseMessage response, string username) =>
        (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetRawText().Replace(username, "<name>");

    [Fact]
    public async Task A_username_outside_the_callers_scope_answers_exactly_like_an_unknown_one()
    {
        var people = await DemoPeople.SignInAsync(host, "lw.secretary", "xs.admin", "dh.admin");
        var (streetLeader, otherDistrict) = (people["lw.secretary"], people["xs.admin"]);

        // a work-group member from another district would see the point and record its visits
        var foreign = await ErrorsAsync(await streetLeader.PostAsJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-04", "JC-DH-LW-U1", "xs.admin")), "xs.admin");
        var unknown = await ErrorsAsync(await streetLeader.PostAsJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-04", "JC-DH-LW-U1", "nobody.here")), "nobody.here");
        Assert.Equal(unknown, foreign);
        Assert.Contains("/workGroup/0/username", foreign);
        Assert.Contains("Unknown user", foreign);

        // naming a leader elsewhere says no more than naming nobody
        var elsewhere = await ErrorsAsync(await people["dh.admin"].PostAsJsonAsync("/api/liaison-points", Point("xs.secretary", "JC-DH-LW-04", "JC-DH-LW-U1")), "xs.secretary");
        var nobody = await ErrorsAsync(await people["dh.admin"].PostAsJsonAsync("/api/liaison-points", Point("nobody.here", "JC-DH-LW-04", "JC-DH-LW-U1")), "nobody.here");
        Assert.Equal(nobody, elsewhere);
        Assert.Equal("""{"/leaderUsername":["Unknown user '<name>'."]}""", elsewhere);
        Assert.DoesNotContain((await otherDistrict.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026")).EnumerateArray(),
            p => p.GetProperty("community").GetString() == "JC-DH-LW-04");

        // someone the caller does see is linked, and a non-leader they see is named as such
        var officer = await streetLeader.PostJsonAsync("/api/liaison-points", Point("lw.secretary", "JC-DH-LW-04", "JC-DH-LW-U1", "lw04.officer"), HttpStatusCode.Created);
        Assert.Equal("lw04.officer", officer.GetProperty("workGroup")[0].GetProperty("username").GetString());
        var notLeader = await (await people["dh.admin"].PostAsJsonAsync("/api/liaison-points", Point("lw01.officer", "JC-DH-LW-01", "JC-DH-LW-U1")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("not a leader", notLeader.GetProperty("errors").GetProperty("/leaderUsername")[0].GetString());
    }

    [Fact]
    public async Task Lists_and_the_dashboard_come_a_page_at_a_time_and_a_page_out_of_range_is_named()
    {
        var admin = (await DemoPeople.SignInAsync(host, "demo.admin"))["demo.admin"];
        var all = (await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026&limit=500")).EnumerateArray().Select(Id).ToList();
        Assert.True(all.Count > 2, $"the demo city has {all.Count} points");
        Assert.Equal(all.Skip(1).Take(2), (await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026&limit=2&offset=1")).EnumerateArray().Select(Id));

        var dashboard = await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points/dashboard?year=2026&limit=1");
        Assert.Equal(all.Count, dashboard.GetProperty("totals").GetProperty("points").GetInt32()); // the totals count every point, not the page
        Assert.Equal(all.Take(1), dashboard.GetProperty("points").EnumerateArray().Select(Id));
        var assessment = (await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points/assessment?year=2026&limit=500")).EnumerateArray().ToList();
        var ranked = (await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points/assessment?year=2026&offset=1&limit=1")).EnumerateArray().Single();
        Assert.Equal((Id(assessment[1]), assessment[1].GetProperty("rank").GetInt32()), (Id(ranked), ranked.GetProperty("rank").GetInt32())); // ranked over every point

        foreach (var (query, field) in new[] { ("?limit=0", "/limit"), ("?limit=501", "/limit"), ("/dashboard?offset=-1", "/offset"), ("/assessment?limit=501", "/limit") })
        {
            var problem = await (await admin.GetAsync($"/api/liaison-points{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal([field], problem.ErrorFields());
        }
    }
}
