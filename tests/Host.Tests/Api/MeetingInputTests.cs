using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>Bad meeting queries and cadences are answered 422 (400 when unreadable) naming the field, and change nothing.</summary>
public class MeetingInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/api/meetings?year=0", "/year")]
    [InlineData("/api/meetings?year=99999", "/year")]
    [InlineData("/api/meetings?year=-1", "/year")]
    [InlineData("/api/meetings?limit=0", "/limit")]
    [InlineData("/api/meetings?offset=-5", "/offset")]
    [InlineData("/api/meetings?status=Late", "/status")]
    [InlineData("/api/meetings/calendar.ics?year=1999", "/year")]
    [InlineData("/api/meetings/compliance?year=0", "/year")]
    [InlineData("/api/meetings/compliance?year=2101", "/year")]
    [InlineData("/api/meetings/1/journal?limit=0", "/limit")]
    [InlineData("/api/meetings/1/journal?afterSeq=-1", "/afterSeq")]
    public async Task An_out_of_range_query_parameter_is_422_naming_it(string query, string field)
    {
        var admin = await host.ClientAsync();
        Assert.Equal([field], (await (await admin.GetAsync(query)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Theory]
    [InlineData("/api/meetings?year=abc", "year")]
    [InlineData("/api/meetings?limit=ten", "limit")]
    [InlineData("/api/meetings/calendar.ics?year=2026.5", "year")]
    public async Task An_unreadable_query_parameter_is_400_naming_it(string query, string parameter)
    {
        var admin = await host.ClientAsync();
        var problem = await (await admin.GetAsync(query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"/{parameter}"], problem.ErrorFields());
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_valid_year_lists_the_meetings_of_that_year()
    {
        var admin = await host.ClientAsync();
        var response = await admin.GetAsync("/api/meetings?year=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All((await response.Content.ReadFromJsonAsync<List<Meeting>>())!, m => Assert.StartsWith("2026-", m.PeriodStart));
    }

    sealed record Meeting(string PeriodStart);

    [Theory]
    [InlineData("""{"name":"例会","appliesTo":"City","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai"}""", "/appliesTo")]
    [InlineData("""{"name":"例会","appliesTo":"SeatedUnit","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai"}""", "/appliesTo")]
    [InlineData("""{"name":"例会","appliesTo":"2","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai"}""", "/appliesTo")]
    [InlineData("""{"name":"例会","appliesTo":"Street","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai","scopeCode":"MI-C1"}""", "/scopeCode")]
    [InlineData("""{"name":"例会","appliesTo":"District","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai","scopeCode":"MI-S"}""", "/scopeCode")]
    [InlineData("""{"name":"例会","appliesTo":"Street","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai","scopeCode":"NO-SUCH"}""", "/scopeCode")]
    [InlineData("""{"name":"例会","appliesTo":"Street","cron":"0 9 1 1,7 *","timeZone":"Asia/Shanghai","scopeCode":"  "}""", "/scopeCode")]
    public async Task A_cadence_whose_units_cannot_owe_it_is_422_naming_the_field_and_is_not_stored(string body, string field)
    {
        var admin = await host.ClientAsync();
        await ImportAsync(admin);
        var response = await admin.PutAsync("/api/meeting-cadences/mi-bad", Json(body));
        Assert.Equal([field], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await admin.GetAsync("/api/meeting-cadences/mi-bad")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("@yearly")]
    [InlineData("0 9 L * *")]
    [InlineData("0 9 1 JAN,JUL *")]
    [InlineData("0 0 9 1 1,7 ?")]
    public async Task A_cron_outside_the_five_numeric_fields_is_422_on_cron_saying_what_is_accepted(string cron)
    {
        var admin = await host.ClientAsync();
        var body = JsonSerializer.Serialize(new { name = "例会", appliesTo = "District", cron, timeZone = "Asia/Shanghai" });
        var problem = await (await admin.PutAsync("/api/meeting-cadences/mi-cron", Json(body))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/cron"], problem.ErrorFields());
        Assert.Contains("minute hour day-of-month month day-of-week", problem.GetProperty("errors").GetProperty("/cron")[0].GetString());
        await (await admin.GetAsync("/api/meeting-cadences/mi-cron")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Over_long_text_fields_are_422_each_named_with_its_limit()
    {
        var admin = await host.ClientAsync();
        var body = $$"""
            {"name":"{{new string('会', 101)}}","appliesTo":"{{new string('S', 33)}}","cron":"{{new string('1', 101)}}",
             "timeZone":"{{new string('Z', 65)}}","scopeCode":"{{new string('C', 65)}}"}
            """;
        var problem = await (await admin.PutAsync("/api/meeting-cadences/mi-long", Json(body))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/appliesTo", "/cron", "/name", "/scopeCode", "/timeZone"], problem.ErrorFields().Order(StringComparer.Ordinal));
        Assert.Contains("longer than 100", problem.GetProperty("errors").GetProperty("/name")[0].GetString());
        await (await admin.GetAsync("/api/meeting-cadences/mi-long")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cadence_scoped_to_a_unit_at_or_above_its_kind_is_stored()
    {
        var admin = await host.ClientAsync();
        await ImportAsync(admin);
        var body = """{"name":"街道例会","appliesTo":"Street","cron":"0 9 1 1,4,7,10 *","timeZone":"Asia/Shanghai","scopeCode":"MI-S","enabled":false}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/meeting-cadences/mi-street", Json(body))).StatusCode);
        Assert.Equal("MI-S", (await admin.GetFromJsonAsync<Cadence>("/api/meeting-cadences/mi-street"))!.ScopeCode);
    }

    [Fact]
    public async Task A_change_that_leaves_out_optional_members_keeps_them_instead_of_resetting_them()
    {
        var admin = await host.ClientAsync();
        await ImportAsync(admin);
        var first = """{"name":"街道例会","appliesTo":"Street","cron":"0 9 1 1,4,7,10 *","timeZone":"Asia/Shanghai","scopeCode":"MI-S","enabled":false,"reminders":[10,2],"escalation":[{"afterWorkdays":3,"to":"firstResponsible"}]}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/meeting-cadences/mi-keep", Json(first))).StatusCode);

        var renamed = """{"name":"街道季度例会","appliesTo":"Street","cron":"0 9 1 1,4,7,10 *","timeZone":"Asia/Shanghai"}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/meeting-cadences/mi-keep", Json(renamed))).StatusCode);

        var kept = await admin.GetFromJsonAsync<JsonElement>("/api/meeting-cadences/mi-keep");
        Assert.Equal("街道季度例会", kept.GetProperty("name").GetString());
        Assert.False(kept.GetProperty("enabled").GetBoolean());
        Assert.Equal("MI-S", kept.GetProperty("scopeCode").GetString());
        Assert.Equal("[10,2]", kept.GetProperty("reminders").GetProperty("daysBefore").GetRawText());
        Assert.Equal(3, kept.GetProperty("escalation")[0].GetProperty("afterWorkdays").GetInt32());

        var widened = """{"name":"街道季度例会","appliesTo":"Street","cron":"0 9 1 1,4,7,10 *","timeZone":"Asia/Shanghai","scopeCode":null,"enabled":true}""";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/meeting-cadences/mi-keep", Json(widened))).StatusCode);
        var changed = await admin.GetFromJsonAsync<JsonElement>("/api/meeting-cadences/mi-keep");
        Assert.True(changed.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("scopeCode").ValueKind);
    }

    sealed record Cadence(string ScopeCode);

    static async Task ImportAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/org-units/import", Json("""
            [{"code":"MI","name":"测试市","kind":"City"},
             {"code":"MI-D","name":"测试区","kind":"District","parentCode":"MI"},
             {"code":"MI-S","name":"测试街道","kind":"Street","parentCode":"MI-D"},
             {"code":"MI-C1","name":"测试社区","kind":"Community","parentCode":"MI-S"}]
            """));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
