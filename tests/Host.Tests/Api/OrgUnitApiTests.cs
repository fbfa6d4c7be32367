using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class OrgUnitApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    static string NewCity() => "H" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    async Task<HttpClient> CityAsync(string c)
    {
        var admin = await host.ClientAsync();
        var response = await admin.PostAsync("/api/org-units/import", Csv($"""
            code,name,kind,parentCode,partyOrgLevel,memberCount
            {c},江城市,City,,,
            {c}-D1,东湖区,District,{c},Committee,
            {c}-D2,西山区,District,{c},Committee,
            {c}-S1,柳湾街道,Street,{c}-D1,Committee,
            {c}-S2,枫林街道,Street,{c}-D2,Committee,
            {c}-K1,"和平社区, 一区",Community,{c}-S1,Branch,64
            {c}-K2,幸福社区,Community,{c}-S2,Branch,30
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return admin;
    }

    async Task<HttpClient> UserAsync(HttpClient admin, string username, string role, string? code)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new { username, password = "pass-word-1", displayName = username, roles = new[] { new { role, orgUnitCode = code } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await host.ClientAsync(username, "pass-word-1");
    }

    [Fact]
    public async Task A_csv_import_creates_the_tree_and_a_repeat_changes_nothing()
    {
        var c = NewCity();
        var admin = await CityAsync(c);

        var unit = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{c}-K1");
        Assert.Equal("和平社区, 一区", unit.GetProperty("name").GetString());
        Assert.Equal($"{c}-S1", unit.GetProperty("parentCode").GetString());
        Assert.Equal("Branch", unit.GetProperty("partyOrgLevel").GetString());
        Assert.Equal("GeneralBranch", unit.GetProperty("suggestedPartyOrgLevel").GetString());
        Assert.Equal(JsonValueKind.Null, unit.GetProperty("secretary").ValueKind);

        var repeat = await admin.PostAsync("/api/org-units/import", Json($$"""[{"code":"{{c}}","name":"江城市","kind":"City"}]"""));
        Assert.Equal("""{"created":0,"updated":0,"unchanged":1}""", await repeat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_import_with_bad_rows_lists_every_one_and_writes_nothing()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var response = await admin.PostAsync("/api/org-units/import", Json($$"""
            [
              {"code": "{{c}}-S9", "name": "好街道", "kind": "Street", "parentCode": "{{c}}-D1"},
              {"code": "{{c}}-X1", "name": "孤儿", "kind": "Community", "parentCode": "NOWHERE"},
              {"code": "{{c}}-X2", "name": "倒挂", "kind": "Street", "parentCode": "{{c}}-K1"},
              {"code": "{{c}}-X3", "name": "负数", "kind": "Community", "parentCode": "{{c}}-S1", "memberCount": -3},
              {"code": "{{c}}-X4", "name": "怪类", "kind": "Village", "parentCode": "{{c}}-S1"},
              {"code": "{{c}}-S9", "name": "重复", "kind": "Street", "parentCode": "{{c}}-D2"}
            ]
            """));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/0/code", "/1/parentCode", "/2/parentCode", "/3/memberCount", "/4/kind", "/5/code"], problem.ErrorFields());
        Assert.Equal(6, problem.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/org-units/{c}-S9")).StatusCode);
    }

    [Fact]
    public async Task Csv_errors_name_the_line()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var response = await admin.PostAsync("/api/org-units/import", Csv($"code,name,kind,parentCode\n{c}-S7,新街道,Street,{c}-D1\n{c}-S8,坏街道,Street,{c}-K2\n"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var row = problem.GetProperty("rows")[0];
        Assert.Equal(3, row.GetProperty("line").GetInt32());
        Assert.Equal(1, row.GetProperty("index").GetInt32());
        Assert.StartsWith("Line 3:", problem.GetProperty("errors").GetProperty("/1/parentCode")[0].GetString());
    }

    [Fact]
    public async Task A_kind_change_that_would_strand_a_role_names_the_line_and_the_role()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        (await admin.PostAsync("/api/org-units/import", Csv($"code,name,kind,parentCode\n{c}-S3,新街道,Street,{c}-D2\n"))).EnsureSuccessStatusCode();
        await UserAsync(admin, $"so3-{c.ToLowerInvariant()}", "StreetOfficer", $"{c}-S3");

        var response = await admin.PostAsync("/api/org-units/import", Csv($"code,name,kind,parentCode\n{c}-D2,西山区,District,{c}\n{c}-S3,新社区,Community,{c}-D2\n"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/1/kind"], problem.ErrorFields());
        var message = problem.GetProperty("errors").GetProperty("/1/kind")[0].GetString()!;
        Assert.StartsWith("Line 3:", message);
        Assert.Contains($"StreetOfficer (so3-{c.ToLowerInvariant()})", message);
        Assert.Equal("Street", (await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{c}-S3")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_csv_header_with_unknown_or_missing_columns_is_refused()
    {
        var admin = await host.ClientAsync();
        var problem = await (await admin.PostAsync("/api/org-units/import", Csv("code,title,kind\nA,B,City\n"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/header/title", "/header/name"], problem.ErrorFields());
    }

    [Fact]
    public async Task A_csv_header_naming_a_column_twice_is_refused_naming_it()
    {
        var admin = await host.ClientAsync();
        var problem = await (await admin.PostAsync("/api/org-units/import", Csv("code,name,kind,Name\nDUP1,B,City,C\n"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/header/name"], problem.ErrorFields());
        Assert.StartsWith("Line 1:", problem.GetProperty("errors").GetProperty("/header/name")[0].GetString());
        await (await admin.GetAsync("/api/org-units/DUP1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_csv_line_longer_than_its_header_or_with_an_open_quote_is_refused_in_plain_words()
    {
        var admin = await host.ClientAsync();
        var longer = await (await admin.PostAsync("/api/org-units/import", Csv("code,name,kind\nLONG1,江城,City\nLONG2,河口,市,City\n"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/1"], longer.ErrorFields());
        Assert.StartsWith("Line 3: 4 fields under a header of 3", longer.GetProperty("errors").GetProperty("/1")[0].GetString());
        await (await admin.GetAsync("/api/org-units/LONG1")).AssertProblemAsync(HttpStatusCode.NotFound);

        var quote = await (await admin.PostAsync("/api/org-units/import", Csv("code,name,kind\nQ1,\"江城,City\n"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        var detail = quote.GetProperty("detail").GetString()!;
        Assert.Contains("quoted field is not closed", detail);
        Assert.DoesNotContain("BadDataFound", detail);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_naming_the_line_not_stored_as_replacement_characters()
    {
        var admin = await host.ClientAsync();
        byte[] latin1 = [.. "code,name,kind\nBAD1,ok,City\nBAD2,caf"u8, 0xE9, .. ",City\n"u8];
        var csv = new ByteArrayContent(latin1);
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var problem = await (await admin.PostAsync("/api/org-units/import", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/"], problem.ErrorFields());
        Assert.StartsWith("Line 3 ", problem.GetProperty("errors").GetProperty("/")[0].GetString());
        await (await admin.GetAsync("/api/org-units/BAD1")).AssertProblemAsync(HttpStatusCode.NotFound);
        var bom = await admin.PostAsync("/api/org-units/import", new ByteArrayContent([.. "\uFEFFcode,name,kind\nBOM1,好,City\n"u8]) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.OK, bom.StatusCode);
        Assert.Equal("好", (await admin.GetFromJsonAsync<JsonElement>("/api/org-units/BOM1")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Misnamed_json_fields_are_reported_not_ignored()
    {
        var admin = await host.ClientAsync();
        var problem = await (await admin.PostAsync("/api/org-units/import", Json("""[{"code":"Z1","name":"Z","kind":"City","parent_code":"X"}]""")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/0/parent_code"], problem.ErrorFields());
    }

    /// <summary>A JSON row's values are held to their types: a number is not a name and a string is not a count.</summary>
    [Theory]
    [InlineData("""{"code": "@-K2", "name": 123, "kind": "Community", "parentCode": "@-S2"}""", "/0/name")]
    [InlineData("""{"code": "@-K2", "name": true, "kind": "Community", "parentCode": "@-S2"}""", "/0/name")]
    [InlineData("""{"code": "@-K2", "name": {"zh": "幸福"}, "kind": "Community", "parentCode": "@-S2"}""", "/0/name")]
    [InlineData("""{"code": "@-K2", "name": "幸福社区", "kind": ["Community"], "parentCode": "@-S2"}""", "/0/kind")]
    [InlineData("""{"code": "@-K2", "name": "幸福社区", "kind": "Community", "parentCode": "@-S2", "memberCount": "31"}""", "/0/memberCount")]
    [InlineData("""{"code": "@-K2", "name": "幸福社区", "kind": "Community", "parentCode": "@-S2", "Name": "改名"}""", "/0/Name")]
    public async Task A_json_value_of_the_wrong_type_or_a_field_given_twice_is_refused_and_the_unit_stays(string row, string field)
    {
        var c = NewCity();
        var admin = await CityAsync(c);

        var response = await admin.PostAsync("/api/org-units/import", Json($"[{row.Replace("@", c, StringComparison.Ordinal)}]"));

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var unit = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{c}-K2");
        Assert.Equal("幸福社区", unit.GetProperty("name").GetString());
        Assert.Equal(30, unit.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task A_json_code_that_is_a_number_creates_nothing()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var code = Random.Shared.Next(100_000_000, 999_999_999);

        var response = await admin.PostAsync("/api/org-units/import", Json($$"""[{"code": {{code}}, "name": "数字社区", "kind": "Community", "parentCode": "{{c}}-S1"}]"""));

        Assert.Equal(["/0/code"], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/org-units/{code}")).StatusCode);
    }

    [Fact]
    public async Task Malformed_bodies_and_other_media_types_are_refused()
    {
        var admin = await host.ClientAsync();
        await (await admin.PostAsync("/api/org-units/import", Json("[{\"code\":"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/api/org-units/import", Json("{\"code\":\"A\"}"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await admin.PostAsync("/api/org-units/import", new StringContent("code", Encoding.UTF8, "application/xml"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await admin.PostAsync("/api/org-units/import", Csv("code,name,kind\nA,B\"x,City\n"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/api/org-units/import", Json("[]"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_street_officer_sees_its_street_and_below_and_nothing_else()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var officer = await UserAsync(admin, $"so-{c.ToLowerInvariant()}", "StreetOfficer", $"{c}-S1");

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/org-units/{c}-S1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/org-units/{c}-K1")).StatusCode);
        await (await officer.GetAsync($"/api/org-units/{c}-K2")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await officer.GetAsync($"/api/org-units/{c}-D1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await officer.GetAsync($"/api/org-units?parent={c}-S2")).AssertProblemAsync(HttpStatusCode.NotFound);
        var communities = await officer.GetFromJsonAsync<JsonElement>("/api/org-units?kind=Community");
        Assert.Equal([$"{c}-K1"], communities.EnumerateArray().Select(u => u.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Out_of_scope_writes_answer_404_or_422_and_change_nothing()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var districtAdmin = await UserAsync(admin, $"da-{c.ToLowerInvariant()}", "DistrictAdmin", $"{c}-D1");

        await (await districtAdmin.PutAsJsonAsync($"/api/org-units/{c}-S2/secretary", new { username = "admin" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var import = await districtAdmin.PostAsync("/api/org-units/import", Json($$"""[{"code":"{{c}}-S2","name":"抢来的","kind":"Street","parentCode":"{{c}}-D1"}]"""));
        var taken = (await import.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("/0/code")[0].GetString()!;
        Assert.Equal($"Code '{c}-S2' is already taken; choose another code.", taken);
        Assert.DoesNotContain("scope", taken, StringComparison.OrdinalIgnoreCase);
        var s2 = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{c}-S2");
        Assert.Equal($"{c}-D2", s2.GetProperty("parentCode").GetString());
        Assert.Equal("枫林街道", s2.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_district_admin_cannot_appoint_or_even_find_a_user_of_another_district()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var districtAdmin = await UserAsync(admin, $"da3-{c.ToLowerInvariant()}", "DistrictAdmin", $"{c}-D1");
        await UserAsync(admin, $"out-{c.ToLowerInvariant()}", "StreetOfficer", $"{c}-S2");
        await UserAsync(admin, $"in-{c.ToLowerInvariant()}", "StreetOfficer", $"{c}-S1");

        var outside = await districtAdmin.PutAsJsonAsync($"/api/org-units/{c}-S1/secretary", new { username = $"out-{c.ToLowerInvariant()}" });
        var unknown = await districtAdmin.PutAsJsonAsync($"/api/org-units/{c}-S1/secretary", new { username = "nobody-anywhere" });
        var inside = await districtAdmin.PutAsJsonAsync($"/api/org-units/{c}-S1/secretary", new { username = $"in-{c.ToLowerInvariant()}" });

        var outsideProblem = await outside.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unknownProblem = await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(unknownProblem.GetProperty("errors").GetProperty("/username")[0].GetString()!.Replace("nobody-anywhere", "X"),
            outsideProblem.GetProperty("errors").GetProperty("/username")[0].GetString()!.Replace($"out-{c.ToLowerInvariant()}", "X"));
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
    }

    [Fact]
    public async Task Lists_filter_by_parent_and_kind()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var streets = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units?parent={c}-D1");
        Assert.Equal([$"{c}-S1"], streets.EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        var districts = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units?parent={c}&kind=District");
        Assert.Equal(2, districts.GetArrayLength());
        await (await admin.GetAsync("/api/org-units?kind=Village")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        foreach (var combined in new[] { "Street,Community", "Street&kind=Community", "2" })
            Assert.Equal(["/kind"], (await (await admin.GetAsync($"/api/org-units?kind={combined}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await admin.GetAsync("/api/org-units?limit=0")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_district_secretary_is_the_first_responsible_person()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        await UserAsync(admin, $"sec-{c.ToLowerInvariant()}", "Leader", $"{c}-D1");

        var response = await admin.PutAsJsonAsync($"/api/org-units/{c}-D1/secretary", new { username = $"sec-{c.ToLowerInvariant()}" });
        var unit = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FirstResponsible", unit.GetProperty("secretary").GetProperty("responsibility").GetString());
        var unknown = await admin.PutAsJsonAsync($"/api/org-units/{c}-D1/secretary", new { username = "nobody-at-all" });
        Assert.Equal(["/username"], (await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task Creating_users_validates_every_field_and_refuses_officers()
    {
        var c = NewCity();
        var admin = await CityAsync(c);
        var bad = await admin.PostAsJsonAsync("/api/users", new { username = "x", password = "short", roles = new[] { new { role = "Mayor", orgUnitCode = c } } });
        Assert.Equal(["/username", "/password", "/roles/0/role"], (await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var officer = await UserAsync(admin, $"so2-{c.ToLowerInvariant()}", "StreetOfficer", $"{c}-S1");
        var refused = await officer.PostAsJsonAsync("/api/users", new { username = "newbie", password = "pass-word-1", roles = new[] { new { role = "Leader", orgUnitCode = $"{c}-S1" } } });
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        var twice = await admin.PostAsJsonAsync("/api/users", new { username = $"so2-{c.ToLowerInvariant()}", password = "pass-word-1", roles = new[] { new { role = "Leader", orgUnitCode = c } } });
        await twice.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
