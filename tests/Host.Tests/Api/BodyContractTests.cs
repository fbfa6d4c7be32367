using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// Bad input never destroys data: a body that leaves a field out, misspells it or sends what the field cannot
/// hold is refused with the field named, and nothing changes. The outside client's cases, one by one.
/// </summary>
public class BodyContractTests(HostFixture host) : IClassFixture<HostFixture>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    async Task<(HttpClient Admin, string Street)> StreetWithSecretaryAsync()
    {
        var p = "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await host.ClientAsync();
        var csv = $"code,name,kind,parentCode\n{p},测试市,City,\n{p}-D,测试区,District,{p}\n{p}-S,一街道,Street,{p}-D\n";
        (await admin.PostAsync("/api/org-units/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var secretary = $"{p.ToLowerInvariant()}.sec";
        (await admin.PostAsJsonAsync("/api/users", new { username = secretary, password = "pass-word-1", roles = new[] { new { role = "StreetOfficer", orgUnitCode = $"{p}-S" } } }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/org-units/{p}-S/secretary", new { username = secretary })).EnsureSuccessStatusCode();
        return (admin, $"{p}-S");
    }

    static async Task<string?> SecretaryAsync(HttpClient admin, string code)
    {
        var unit = await admin.GetFromJsonAsync<JsonElement>($"/api/org-units/{code}");
        return unit.GetProperty("secretary").ValueKind == JsonValueKind.Null ? null : unit.GetProperty("secretary").GetProperty("username").GetString();
    }

    [Theory]
    [InlineData("{}", "/username")]
    [InlineData("""{"userName_typo": "someone"}""", "/userName_typo")]
    [InlineData("""{"year": 1e400}""", "/year")]
    [InlineData("\uFEFF{}", "/username")]
    [InlineData("""{"username": ""}""", "/username")]
    [InlineData("""{"username": 42}""", "/username")]
    public async Task A_secretary_body_without_a_username_is_422_and_the_secretary_stays(string body, string field)
    {
        var (admin, street) = await StreetWithSecretaryAsync();
        var before = await SecretaryAsync(admin, street);

        var response = await admin.PutAsync($"/api/org-units/{street}/secretary", Json(body));

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.NotNull(before);
        Assert.Equal(before, await SecretaryAsync(admin, street));
    }

    [Fact]
    public async Task Clearing_a_secretary_is_an_explicit_null_or_a_delete()
    {
        var (admin, street) = await StreetWithSecretaryAsync();
        var secretary = await SecretaryAsync(admin, street);

        (await admin.PutAsync($"/api/org-units/{street}/secretary", Json("""{"username": null}"""))).EnsureSuccessStatusCode();
        Assert.Null(await SecretaryAsync(admin, street));

        (await admin.PutAsJsonAsync($"/api/org-units/{street}/secretary", new { username = secretary })).EnsureSuccessStatusCode();
        Assert.Equal(secretary, await SecretaryAsync(admin, street));
        (await admin.DeleteAsync($"/api/org-units/{street}/secretary")).EnsureSuccessStatusCode();
        Assert.Null(await SecretaryAsync(admin, street));
    }

    /// <summary>Names are read in any letter case, so two spellings of one name are one key given twice, never "the later wins".</summary>
    [Theory]
    [InlineData("""{"username": "@", "Username": null}""", "/Username")]
    [InlineData("""{"USERNAME": null, "username": "@"}""", "/username")]
    public async Task A_key_given_twice_in_another_letter_case_is_422_and_the_secretary_stays(string body, string field)
    {
        var (admin, street) = await StreetWithSecretaryAsync();
        var before = await SecretaryAsync(admin, street);

        var response = await admin.PutAsync($"/api/org-units/{street}/secretary", Json(body.Replace("@", before, StringComparison.Ordinal)));

        Assert.Equal([field], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(before, await SecretaryAsync(admin, street));
    }

    [Theory]
    [InlineData("PUT", "/api/cycles/1/scores/X", """{"indicators": [{"code": "work", "score": 5, "Score": 6}]}""", "/indicators/0/Score")]
    [InlineData("PUT", "/api/cycles/1/ratings/X", """{"excellent": 1, "good": 0, "fair": 0, "poor": 0, "Poor": 9}""", "/Poor")]
    [InlineData("POST", "/api/auth/token", """{"username": "admin", "password": "x", "Password": "y"}""", "/Password")]
    public async Task A_key_given_twice_in_another_letter_case_is_422_on_every_endpoint(string method, string path, string body, string field)
    {
        var admin = await host.ClientAsync();

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        Assert.Equal([field], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    /// <summary>
    /// JSON is UTF-8 (RFC 8259): a body declared in another charset would be transcoded by the reader after the
    /// checks had looked at its bytes, so the unknown property here would go unseen and the secretary be cleared.
    /// </summary>
    [Theory]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task A_json_body_in_another_charset_than_utf8_is_415_and_the_secretary_stays(string charset)
    {
        var (admin, street) = await StreetWithSecretaryAsync();
        var before = await SecretaryAsync(admin, street);
        var body = new ByteArrayContent(Encoding.GetEncoding(charset).GetBytes("""{"username": null, "note": "x"}"""));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = charset };

        var response = await admin.PutAsync($"/api/org-units/{street}/secretary", body);

        Assert.Contains("UTF-8", (await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
        Assert.Equal(before, await SecretaryAsync(admin, street));
    }

    [Fact]
    public async Task A_json_body_in_a_charset_nobody_knows_is_415_not_an_internal_error()
    {
        var admin = await host.ClientAsync();
        var body = new StringContent("""{"username": null}""", Encoding.UTF8);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "klingon" };

        var response = await admin.PutAsync("/api/org-units/X/secretary", body);

        Assert.Contains("klingon", (await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("utf8")]
    [InlineData("\"utf-8\"")]
    public async Task A_json_body_declared_as_utf8_in_any_spelling_is_read(string charset)
    {
        var (admin, street) = await StreetWithSecretaryAsync();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"username": null}"""));
        body.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        var response = await admin.PutAsync($"/api/org-units/{street}/secretary", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await SecretaryAsync(admin, street));
    }

    /// <summary>Every command endpoint bound to a request type refuses a property that type does not have.</summary>
    [Theory]
    [InlineData("POST", "/api/auth/token", """{"username": "admin", "password": "x", "remember": true}""", "/remember")]
    [InlineData("POST", "/api/users", """{"username": "u-x", "password": "pass-word-1", "roles": [], "email": "a@b"}""", "/email")]
    [InlineData("POST", "/api/users", """{"username": "u-y", "password": "pass-word-1", "roles": [{"role": "SystemAdmin", "scope": "X"}]}""", "/roles/0/scope")]
    [InlineData("POST", "/api/cycles", """{"templateKey": "annual-responsibility", "year": 2026, "scopeCode": "X", "force": true}""", "/force")]
    [InlineData("POST", "/api/cycles/1/cancel", """{"reason": "x", "now": true}""", "/now")]
    [InlineData("POST", "/api/tasks/1/submit", """{"data": {}, "coment": "typo"}""", "/coment")]
    [InlineData("POST", "/api/tasks/1/review", """{"decision": "Accept", "reason": "typo"}""", "/reason")]
    [InlineData("POST", "/api/cycles/1/findings", """{"orgUnitCode": "X", "description": "d", "severity": "Minor", "rectifyWithinDays": 5, "due": 3}""", "/due")]
    [InlineData("PUT", "/api/cycles/1/scores/X", """{"indicators": [{"code": "work", "score": 5, "note": "typo"}]}""", "/indicators/0/note")]
    [InlineData("PUT", "/api/cycles/1/ratings/X", """{"excellent": 1, "good": 0, "fair": 0, "poor": 0, "dontKnow": 3}""", "/dontKnow")]
    [InlineData("PUT", "/api/calendars/2031", """{"source": "s", "holidays": [], "workdays": [], "notes": ""}""", "/notes")]
    [InlineData("POST", "/api/liaison-points", """{"leaderUsername": "x", "communityCode": "y", "year": 2026, "workGroup": [{"name": "n", "title": "t"}]}""", "/workGroup/0/title")]
    [InlineData("POST", "/api/liaison-points/1/targets", """{"code": "t", "title": "t", "dueOn": "2026-12-31", "weight": 2}""", "/weight")]
    [InlineData("PUT", "/api/liaison-points/1/targets/t", """{"progress": 50, "percent": 50}""", "/percent")]
    [InlineData("POST", "/api/liaison-points/1/visits", """{"visitedOn": "2026-03-01", "summary": "s", "problems": [{"description": "d", "dueOn": "2026-04-01", "owner": "x"}]}""", "/problems/0/owner")]
    [InlineData("PUT", "/api/liaison-points/1/problems/1", """{"status": "Resolved", "note": "n", "resolvedOn": "2026-01-01"}""", "/resolvedOn")]
    [InlineData("POST", "/api/admin/clock/advance", """{"to": "2026-01-01T00:00:00+08:00", "fast": true}""", "/fast")]
    public async Task An_unknown_property_in_a_command_body_is_422_naming_it(string method, string path, string body, string field)
    {
        var admin = await host.ClientAsync();

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Theory]
    [InlineData("""{"templateKey": "annual-responsibility", "year": "2026", "scopeCode": "X"}""", "/year")]
    [InlineData("""{"templateKey": "annual-responsibility", "year": 2026.5, "scopeCode": "X"}""", "/year")]
    [InlineData("""{"templateKey": 7, "year": 2026, "scopeCode": "X"}""", "/templateKey")]
    [InlineData("""{"templateKey": "annual-responsibility", "year": 2026, "scopeCode": "X", "templateVersion": "1"}""", "/templateVersion")]
    [InlineData("""[]""", "/")]
    public async Task A_value_of_the_wrong_type_is_422_naming_the_field_and_no_dotnet_name(string body, string field)
    {
        var admin = await host.ClientAsync();

        var problem = await (await admin.PostAsync("/api/cycles", Json(body))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal([field], problem.ErrorFields());
        Assert.DoesNotContain("System.", problem.GetRawText());
        Assert.DoesNotContain("LaunchBody", problem.GetRawText());
    }

    [Fact]
    public async Task Bad_requests_name_the_request_s_fields_not_dotnet_parameters()
    {
        var admin = await host.ClientAsync();

        var limit = await (await admin.GetAsync("/api/org-units?limit=abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["/limit"], limit.ErrorFields());
        Assert.DoesNotContain("int?", limit.GetProperty("detail").GetString());

        var empty = await (await admin.PostAsync("/api/users", Json(""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("NewUser", empty.GetProperty("detail").GetString());

        var malformed = await (await admin.PostAsync("/api/users", Json("""{"username": """))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("NewUser", malformed.GetProperty("detail").GetString());
        Assert.Contains("JSON", malformed.GetProperty("detail").GetString());

        var media = await (await admin.PostAsync("/api/users", new StringContent("{}", Encoding.UTF8, "text/plain"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.DoesNotContain("parameter", media.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData("99999999999999999999")]
    public async Task Ids_are_canonical_another_spelling_is_404(string id)
    {
        var admin = await host.ClientAsync();
        var (_, street) = await StreetWithSecretaryAsync();
        var district = street[..^2] + "-D";
        var launched = await admin.PostAsJsonAsync("/api/cycles", new { templateKey = "annual-responsibility", year = 2026, scopeCode = district });
        var cycleId = (await launched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/cycles/{cycleId}")).StatusCode);

        var spelled = id.Replace("1", cycleId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await (await admin.GetAsync($"/api/cycles/{(id.Length > 10 ? id : spelled)}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
