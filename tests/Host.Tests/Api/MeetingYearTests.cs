using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Testing;
using MiniExcelLibs;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// The issue's "done means", through the API alone: the demo city, the simulated clock moved over a year, the
/// shipped cadences opening each street's quarters and each district's half-years, reminders and escalations
/// in the right inboxes on the right days, minutes closing an obligation, compliance and the calendar feed.
/// </summary>
public class MeetingYearTests(HostFixture host) : IClassFixture<HostFixture>
{
    Task<Dictionary<string, HttpClient>> DemoPeopleAsync(params string[] usernames) => DemoPeople.SignInAsync(host, usernames);

    static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => Task.FromResult(response).JsonAsync(expected);

    static async Task<List<JsonElement>> NoticesAsync(HttpClient client, string kind) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/notifications?kind={kind}")).EnumerateArray().ToList();

    static async Task<List<JsonElement>> MeetingsAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/meetings?{query}")).EnumerateArray().ToList();

    static Task AdvanceAsync(HttpClient admin, string to) => admin.AdvanceClockAsync(to);

    [Fact]
    public async Task A_demo_year_opens_every_quarter_and_half_year_reminds_escalates_closes_and_exports()
    {
        var people = await DemoPeopleAsync("demo.admin", "lw.secretary", "ty.secretary", "dh.secretary", "dh.admin", "xs.secretary");
        var (admin, liuwan, taoyuan, firstResponsible) = (people["demo.admin"], people["lw.secretary"], people["ty.secretary"], people["dh.secretary"]);

        await AdvanceAsync(admin, "2026-01-05T10:00:00+08:00");
        var q1 = Assert.Single(await MeetingsAsync(liuwan, "orgUnitCode=JC-DH-LW&year=2026"));
        Assert.Equal(("street-quarterly", "2026-01-01", "2026-03-31", "Due"), (q1.GetProperty("cadenceKey").GetString(), q1.GetProperty("periodStart").GetString(),
            q1.GetProperty("periodEnd").GetString(), q1.GetProperty("status").GetString()));
        Assert.Empty(await MeetingsAsync(liuwan, "orgUnitCode=JC-DH-TY"));

        await AdvanceAsync(admin, "2026-03-17T08:59:00+08:00");
        Assert.Empty(await NoticesAsync(liuwan, "MeetingReminder"));
        await AdvanceAsync(admin, "2026-03-17T09:00:00+08:00");
        var reminder = Assert.Single(await NoticesAsync(liuwan, "MeetingReminder"));
        Assert.Contains("柳湾街道2026年第1季度", reminder.GetProperty("subject").GetString());
        Assert.Equal(q1.GetProperty("id").GetInt64(), reminder.GetProperty("meetingId").GetInt64());

        var id = q1.GetProperty("id").GetInt64();
        var held = await JsonAsync(await liuwan.PostAsJsonAsync($"/api/meetings/{id}/record", new
        {
            heldOn = "2026-03-16", attendees = new[] { "柳湾街道党工委书记", "组织委员", "各社区书记" }, topics = new[] { "研究一季度社区党建工作" },
            minutes = "会议听取了各社区党建工作汇报……", decisions = new[] { "建立在职党员报到台账" },
        }));
        Assert.Equal(("Held", false), (held.GetProperty("status").GetString(), held.GetProperty("late").GetBoolean()));
        var pdf = new ByteArrayContent("%PDF-1.7 minutes"u8.ToArray());
        var evidence = await JsonAsync(await liuwan.PostAsync($"/api/meetings/{id}/evidence", new MultipartFormDataContent { { pdf, "file", "会议记录.pdf" } }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await liuwan.GetAsync($"/api/evidence/{evidence.GetProperty("id").GetInt64()}")).StatusCode);
        await (await liuwan.PostAsJsonAsync($"/api/meetings/{id}/record", new { heldOn = "2026-03-16", attendees = new[] { "x" }, topics = "t", minutes = "m" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        await AdvanceAsync(admin, "2026-04-01T08:00:00+08:00");
        Assert.Single(await NoticesAsync(taoyuan, "MeetingOverdue"));
        Assert.Empty(await NoticesAsync(liuwan, "MeetingOverdue"));
        await AdvanceAsync(admin, "2026-04-08T08:00:00+08:00");
        Assert.Empty(await NoticesAsync(firstResponsible, "MeetingEscalation"));
        await AdvanceAsync(admin, "2026-04-08T09:30:00+08:00"); // 5 working days after 03-31: 04-06 is Qingming
        var escalations = await NoticesAsync(firstResponsible, "MeetingEscalation");
        Assert.Equal(new[] { "桃源街道", "新华街道" }.Order(StringComparer.Ordinal), escalations.Select(e => Regex.Match(e.GetProperty("subject").GetString()!, "】(.+?街道)").Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await NoticesAsync(people["dh.admin"], "MeetingEscalation")).Count);
        Assert.Equal(3, (await NoticesAsync(people["xs.secretary"], "MeetingEscalation")).Count);

        await AdvanceAsync(admin, "2027-01-05T10:00:00+08:00");
        var year = await MeetingsAsync(admin, "year=2026");
        Assert.Equal(6, year.Where(m => m.GetProperty("cadenceKey").GetString() == "street-quarterly").GroupBy(m => m.GetProperty("orgUnitCode").GetString()).Count(g => g.Count() == 4));
        Assert.Equal(2, year.Where(m => m.GetProperty("cadenceKey").GetString() == "district-semiannual").GroupBy(m => m.GetProperty("orgUnitCode").GetString()).Count(g => g.Count() == 2));
        Assert.Equal(6 * 4 + 2 * 2, year.Count);
        Assert.Equal(27, (await MeetingsAsync(admin, "year=2026&status=Overdue")).Count);
        Assert.Equal(27, (await MeetingsAsync(admin, "year=2026&status=overdue")).Count); // any letter case, as for tasks and findings

        var compliance = (await people["dh.admin"].GetFromJsonAsync<JsonElement>("/api/meetings/compliance?year=2026&scopeCode=JC-DH")).EnumerateArray().ToList();
        var lw = compliance.Single(c => c.GetProperty("orgUnitCode").GetString() == "JC-DH-LW");
        Assert.Equal((4, 1, 0, 3), (lw.GetProperty("due").GetInt32(), lw.GetProperty("held").GetInt32(), lw.GetProperty("late").GetInt32(), lw.GetProperty("missed").GetInt32()));
        Assert.Equal(4, compliance.Count); // the district and its three streets
        var sheet = await people["dh.admin"].GetAsync("/api/meetings/compliance.xlsx?year=2026&scopeCode=JC-DH");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet.Content.Headers.ContentType!.MediaType);
        var rows = (await sheet.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(1, Convert.ToInt32(rows.Single(r => (string)r["单位编码"] == "JC-DH-LW")["按时召开"]));
        // the Accept header is weighed as for results: a spreadsheet refused (q=0) or preferred less than JSON answers JSON
        foreach (var (accept, xlsx) in new[] { ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true),
                     ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0", false),
                     ("application/json, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0.5", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/meetings/compliance?year=2026&scopeCode=JC-DH");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var negotiated = await people["dh.admin"].SendAsync(request);
            Assert.Equal(xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json", negotiated.Content.Headers.ContentType!.MediaType);
        }

        var feed = await liuwan.GetAsync("/api/meetings/calendar.ics?orgUnitCode=JC-DH-LW&year=2026");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Equal(4, calendar.Events.Count);
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("【已召开】柳湾街道2026年第1季度", StringComparison.Ordinal) && e.Start!.Date == new DateOnly(2026, 3, 16));
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("【逾期未开】柳湾街道2026年第4季度", StringComparison.Ordinal) && e.Start!.Date == new DateOnly(2026, 12, 31));
    }

    [Fact]
    public async Task Cadences_are_listed_to_everyone_and_changed_only_by_an_administrator_with_cron_and_time_zone_checked()
    {
        var admin = await host.ClientAsync();
        var cadences = (await admin.GetFromJsonAsync<JsonElement>("/api/meeting-cadences")).EnumerateArray().ToList();
        Assert.Equal(["district-semiannual", "street-quarterly"], cadences.Where(c => c.GetProperty("enabled").GetBoolean()).Select(c => c.GetProperty("key").GetString()));
        Assert.Contains(cadences, c => c.GetProperty("key").GetString() == "party-lesson-quarterly" && !c.GetProperty("enabled").GetBoolean());

        var problem = await JsonAsync(await admin.PutAsJsonAsync("/api/meeting-cadences/street-monthly",
            new { name = "街道月例会", appliesTo = "Street", cron = "0 9 * *", timeZone = "Asia/Peking", reminders = new[] { 7 } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/cron", "/timeZone"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await (await admin.GetAsync("/api/meeting-cadences/street-monthly")).AssertProblemAsync(HttpStatusCode.NotFound);

        var added = await JsonAsync(await admin.PutAsJsonAsync("/api/meeting-cadences/street-monthly",
            new { name = "街道月例会", appliesTo = "Street", cron = "0 9 1 * *", timeZone = "Asia/Shanghai", reminders = new { daysBefore = new[] { 7, 1 } } }));
        Assert.Equal("meetings:street-monthly", added.GetProperty("jobId").GetString());
        Assert.Equal("firstResponsible", added.GetProperty("escalation")[0].GetProperty("to").GetString());
        Assert.Equal(204, (int)(await admin.DeleteAsync("/api/meeting-cadences/street-monthly")).StatusCode);
    }
}
