using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>A problem found at a leader's point, as the community that owns it works it off: listed, resolved, refused by field, hidden from other streets.</summary>
public class LiaisonProblemApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    [Fact]
    public async Task The_owning_community_lists_and_resolves_its_problem_and_another_street_is_told_it_does_not_exist()
    {
        var people = await DemoPeople.SignInAsync(host, "ty.secretary", "ty03.officer", "lw01.officer");
        var (leader, owner, outsider) = (people["ty.secretary"], people["ty03.officer"], people["lw01.officer"]);
        var point = Id((await leader.GetFromJsonAsync<JsonElement>("/api/liaison-points?year=2026")).EnumerateArray()
            .Single(p => p.GetProperty("community").GetString() == "JC-DH-TY-03"));
        var visit = await leader.PostJsonAsync($"/api/liaison-points/{point}/visits", new
        {
            visitedOn = "2026-01-05", summary = "走访", problems = new[] { new { description = "党务公开栏未更新", dueOn = "2026-02-27" } },
        }, HttpStatusCode.Created);
        var problem = Id(visit.GetProperty("problems")[0]);

        var listed = (await owner.GetFromJsonAsync<JsonElement>("/api/liaison-problems?status=Open")).EnumerateArray().Single(p => Id(p) == problem);
        Assert.Equal((point, "JC-DH-TY-03", true), (listed.GetProperty("pointId").GetInt64(), listed.GetProperty("ownerUnitCode").GetString(), listed.GetProperty("canResolve").GetBoolean()));
        await (await owner.GetAsync($"/api/liaison-points/{point}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await outsider.GetAsync($"/api/liaison-problems/{problem}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.PutAsJsonAsync($"/api/liaison-points/{point}/problems/{problem}", new { status = "Resolved", note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>("/api/liaison-problems")).EnumerateArray(), p => Id(p) == problem);

        var bad = await (await owner.PutAsJsonAsync($"/api/liaison-points/{point}/problems/{problem}", new { status = "Closed", note = "x" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/status"], bad.ErrorFields());
        Assert.Equal(["/status"], (await (await owner.GetAsync("/api/liaison-problems?status=Closed")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(["/limit"], (await (await owner.GetAsync("/api/liaison-problems?limit=501")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal("Open", (await owner.GetFromJsonAsync<JsonElement>($"/api/liaison-problems/{problem}")).GetProperty("status").GetString());

        var resolved = await owner.PutJsonAsync($"/api/liaison-points/{point}/problems/{problem}", new { status = "Resolved", note = "公开栏已更新" });
        Assert.Equal(("Resolved", "ty03.officer"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolvedBy").GetString()));
        Assert.Contains((await owner.GetFromJsonAsync<JsonElement>("/api/liaison-problems?status=Resolved")).EnumerateArray(), p => Id(p) == problem);
        var journal = (await leader.GetFromJsonAsync<JsonElement>($"/api/liaison-points/{point}/journal")).EnumerateArray().Last();
        Assert.Equal(("ProblemResolved", "ty03.officer"), (journal.GetProperty("action").GetString(), journal.GetProperty("actor").GetString()));
    }
}
