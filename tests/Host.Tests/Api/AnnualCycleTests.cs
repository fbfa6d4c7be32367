using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>The default template over the demo city, driven through the API alone under the simulated clock.</summary>
public class AnnualCycleTests(HostFixture host) : IClassFixture<HostFixture>
{
    Task<Dictionary<string, HttpClient>> DemoPeopleAsync(params string[] usernames) => DemoPeople.SignInAsync(host, usernames);

    static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => Task.FromResult(response).JsonAsync(expected);

    static async Task<List<JsonElement>> NoticesAsync(HttpClient client, string kind) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/notifications?kind={kind}")).EnumerateArray().ToList();

    static Task AdvanceAsync(HttpClient admin, string to) => admin.AdvanceClockAsync(to);

    [Fact]
    public async Task Launch_submit_return_and_the_calendar_driven_reminders_deadlines_and_escalations()
    {
        var people = await DemoPeopleAsync("demo.admin", "dh.admin", "lw.secretary", "ty.secretary", "dh.secretary");
        var (admin, districtAdmin, liuwan, taoyuan, firstResponsible) =
            (people["demo.admin"], people["dh.admin"], people["lw.secretary"], people["ty.secretary"], people["dh.secretary"]);

        var cycle = await JsonAsync(await districtAdmin.PostAsJsonAsync("/api/cycles", new { templateKey = "annual-responsibility", year = 2026, scopeCode = "JC-DH" }), HttpStatusCode.Created);
        Assert.Equal(3, cycle.GetProperty("participantCount").GetInt32());
        Assert.Equal("年初定目标", cycle.GetProperty("stages")[0].GetProperty("name").GetString());
        await (await districtAdmin.PostAsJsonAsync("/api/cycles", new { templateKey = "annual-responsibility", year = 2026, scopeCode = "JC-DH" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await liuwan.PostAsJsonAsync("/api/cycles", new { templateKey = "annual-responsibility", year = 2027, scopeCode = "JC-DH" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var cycleId = cycle.GetProperty("id").GetInt64();

        var tasks = (await liuwan.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={cycleId}")).EnumerateArray().ToList();
        Assert.Equal(["报送年度党建工作目标", "签订党建工作目标责任书"], tasks.Select(t => t.GetProperty("title").GetString()).Order());
        var targets = tasks.Single(t => t.GetProperty("title").GetString() == "报送年度党建工作目标").GetProperty("id").GetInt64();
        await JsonAsync(await liuwan.PostAsJsonAsync($"/api/tasks/{targets}/submit",
            new { data = new { goals = "建强社区党组织", keyMeasures = "书记抓、抓书记", keyTaskCount = 6 } }), HttpStatusCode.OK);
        await JsonAsync(await districtAdmin.PostAsJsonAsync($"/api/tasks/{targets}/review", new { decision = "Return", comment = "重点任务要量化" }), HttpStatusCode.OK);
        Assert.Single(await NoticesAsync(liuwan, "Returned"));
        foreach (var task in (await taoyuan.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={cycleId}&status=Open")).EnumerateArray())
            if (task.GetProperty("title").GetString() == "报送年度党建工作目标")
                await JsonAsync(await taoyuan.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetInt64()}/submit",
                    new { data = new { goals = "g", keyMeasures = "m", keyTaskCount = 3 } }), HttpStatusCode.OK);

        await AdvanceAsync(admin, "2026-03-24T09:30:00+08:00");
        Assert.Equal(2, (await NoticesAsync(liuwan, "Reminder")).Count);
        Assert.Single(await NoticesAsync(taoyuan, "Reminder"));

        await AdvanceAsync(admin, "2026-04-01T08:00:00+08:00");
        var overdue = (await districtAdmin.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={cycleId}&overdue=true")).EnumerateArray().ToList();
        Assert.Equal(5, overdue.Count);
        Assert.Equal(2, (await NoticesAsync(liuwan, "Overdue")).Count);
        Assert.Empty(await NoticesAsync(liuwan, "Escalation"));

        await AdvanceAsync(admin, "2026-04-01T09:30:00+08:00");
        Assert.Equal(2, (await NoticesAsync(liuwan, "Escalation")).Count);
        await AdvanceAsync(admin, "2026-04-07T18:00:00+08:00");
        Assert.Empty(await NoticesAsync(firstResponsible, "Escalation"));
        await AdvanceAsync(admin, "2026-04-08T09:30:00+08:00"); // 5 working days after 03-31: 04-06 is Qingming
        Assert.Equal(5, (await NoticesAsync(firstResponsible, "Escalation")).Count);

        var journal = (await districtAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/journal")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("TaskReturned", journal);
        Assert.Equal(5 + 5, journal.Count(a => a == "Escalation"));
        Assert.True((await districtAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{cycleId}/journal/verify")).GetProperty("valid").GetBoolean());
    }
}
