using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// Names and titles are one line of printable text: a control character (tab and line breaks included), DEL or
/// U+FFFE/U+FFFF in one is 422 naming the field, as NUL is, and nothing is written.
/// </summary>
public class ControlCharacterTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("\u0001")]
    [InlineData("\t")]
    [InlineData("\u007F")]
    [InlineData("\uFFFF")]
    public async Task An_org_unit_name_holding_one_is_refused_on_its_row_and_nothing_is_imported(string refused)
    {
        var admin = await host.ClientAsync();
        var response = await admin.PostAsJsonAsync("/api/org-units/import", new[] { new { code = "CC1", name = $"测试{refused}市", kind = "City" } });
        Assert.Equal(["/0/name"], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await admin.GetAsync("/api/org-units/CC1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_csv_name_holding_one_is_refused_naming_its_line()
    {
        var admin = await host.ClientAsync();
        var csv = await admin.PostAsync("/api/org-units/import", new StringContent("code,name,kind\nCC2,好市,City\nCC3,测试\u001B市,City\n", Encoding.UTF8, "text/csv"));
        var problem = await csv.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/1/name"], problem.ErrorFields());
        Assert.StartsWith("Line 3: The text holds U+001B", problem.GetProperty("errors").GetProperty("/1/name")[0].GetString());
        await (await admin.GetAsync("/api/org-units/CC2")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_display_name_template_title_cadence_name_and_calendar_day_name_holding_one_are_refused()
    {
        var admin = await host.ClientAsync();

        await AssertRefusedAsync(admin.PostAsJsonAsync("/api/users",
            new { username = "cc.user", password = "pass-word-1", displayName = "张\u0007三", roles = new[] { new { role = "SystemAdmin", orgUnitCode = (string?)null } } }), "/displayName");
        await (await admin.GetAsync("/api/users/cc.user")).AssertProblemAsync(HttpStatusCode.NotFound);

        await AssertRefusedAsync(admin.PostAsync("/api/templates", new StringContent("""
            {"key": "cc-template", "name": "模板", "participants": {"kind": "Street"},
             "stages": [{"key": "First", "name": "第一阶段\r\n", "opensOn": "launch", "due": "+10 workdays",
                         "tasks": [{"key": "report", "title": "报告\uFFFE", "assignee": "directResponsible", "gate": true}]}]}
            """, Encoding.UTF8, "application/json")), "/stages/0/name", "/stages/0/tasks/0/title");

        await AssertRefusedAsync(admin.PutAsJsonAsync("/api/meeting-cadences/cc-monthly",
            new { name = "月例会\u0085\u0002", appliesTo = "Community", cron = "0 9 1 * *", timeZone = "Asia/Shanghai" }), "/name");
        await (await admin.GetAsync("/api/meeting-cadences/cc-monthly")).AssertProblemAsync(HttpStatusCode.NotFound);

        await AssertRefusedAsync(admin.PutAsJsonAsync("/api/calendars/2031",
            new { source = "通知", holidays = new[] { new { date = "2031-01-01", name = "元\n旦" } }, workdays = Array.Empty<object>() }), "/holidays/0/name");
        await (await admin.GetAsync("/api/calendars/2031")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    static async Task AssertRefusedAsync(Task<HttpResponseMessage> request, params string[] pointers)
    {
        var problem = await (await request).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(pointers, problem.ErrorFields());
    }
}
