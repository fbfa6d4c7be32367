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
}
