using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class TemplateApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static string NewKey() => "t-" + Guid.NewGuid().ToString("N")[..10];

    static string Valid(string key, string name = "测试模板") => $$"""
        {
          "key": "{{key}}", "name": "{{name}}", "participants": { "kind": "Street" },
          "stages": [{
            "key": "Only", "name": "唯一阶段", "opensOn": "launch", "due": "+10 workdays",
            "tasks": [{ "key": "report", "title": "报告", "assignee": "directResponsible", "reviewer": "districtAdmin", "gate": true,
                        "form": [{ "key": "text", "label": "内容", "type": "text", "required": true }] }]
          }]
        }
        """;

    static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    async Task<HttpClient> StreetOfficerAsync()
    {
        var admin = await host.ClientAsync();
        var c = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var import = await admin.PostAsync("/api/org-units/import", Json($$"""
            [{"code":"{{c}}","name":"江城市","kind":"City"},
             {"code":"{{c}}-D1","name":"东湖区","kind":"District","parentCode":"{{c}}"},
             {"code":"{{c}}-S1","name":"柳湾街道","kind":"Street","parentCode":"{{c}}-D1"}]
            """));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var username = $"so-{c.ToLowerInvariant()}";
        var user = await admin.PostAsJsonAsync("/api/users", new { username, password = "pass-word-1", roles = new[] { new { role = "StreetOfficer", orgUnitCode = $"{c}-S1" } } });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        return await host.ClientAsync(username, "pass-word-1");
    }

    [Fact]
    public async Task A_template_is_created_as_a_draft_published_and_edited_as_the_next_version()
    {
        var admin = await host.ClientAsync();
        var key = NewKey();

        var createdResponse = await admin.PostAsync("/api/templates", Json(Valid(key)));
        var created = await BodyAsync(createdResponse, HttpStatusCode.Created);
        Assert.Equal($$"""{"key":"{{key}}","version":1,"status":"Draft"}""", created.GetRawText());
        Assert.Equal($"/api/templates/{key}/versions/1", createdResponse.Headers.Location?.OriginalString);

        var draft = await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{key}");
        Assert.Equal(("Draft", 1), (draft.GetProperty("status").GetString(), draft.GetProperty("version").GetInt32()));
        Assert.Equal([7, 1], draft.GetProperty("reminders").GetProperty("daysBefore").EnumerateArray().Select(d => d.GetInt32()));

        var published = await BodyAsync(await admin.PostAsync($"/api/templates/{key}/publish", null), HttpStatusCode.OK);
        Assert.Equal($$"""{"key":"{{key}}","version":1,"status":"Published"}""", published.GetRawText());

        var next = await BodyAsync(await admin.PutAsync($"/api/templates/{key}/draft", Json(Valid(key, "第二版"))), HttpStatusCode.OK);
        Assert.Equal($$"""{"key":"{{key}}","version":2,"status":"Draft"}""", next.GetRawText());
        var latest = await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{key}");
        Assert.Equal((1, "测试模板", "admin"), (latest.GetProperty("version").GetInt32(), latest.GetProperty("name").GetString(), latest.GetProperty("publishedBy").GetString()));
        // in China time like every other instant the API writes
        Assert.All(new[] { "createdAt", "updatedAt", "publishedAt" }, at => Assert.EndsWith("+08:00", latest.GetProperty(at).GetString()));
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{key}/versions/2");
        Assert.Equal(("第二版", "Draft"), (second.GetProperty("name").GetString(), second.GetProperty("status").GetString()));

        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/templates")).EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);
        Assert.Equal($$"""{"key":"{{key}}","name":"第二版","latestVersion":2,"status":"Draft","publishedVersions":[1],"ownerScopeCode":null}""", listed.GetRawText());
    }

    [Fact]
    public async Task A_template_breaking_rules_is_422_with_every_pointer()
    {
        var admin = await host.ClientAsync();
        var response = await admin.PostAsync("/api/templates", Json("""
            {"key":"Bad Key","name":"坏模板","participants":{"kind":"Street"},
             "stages":[{"key":"A","name":"甲","opensOn":"01-01","due":"next week",
                        "tasks":[{"key":"t","title":"任务","assignee":"mayor","gate":false}]}],
             "indicators":[{"code":"org","name":"组织建设","maxScore":"20"}]}
            """));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/key", "/stages/0/due", "/stages/0/tasks/0/assignee", "/stages/0/tasks", "/indicators/0/maxScore"], problem.ErrorFields());
    }

    [Fact]
    public async Task Malformed_json_is_400_other_media_types_415_and_a_non_object_422()
    {
        var admin = await host.ClientAsync();
        await (await admin.PostAsync("/api/templates", Json("{\"key\":"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/api/templates", Json(""))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/api/templates", new StringContent(Valid(NewKey()), Encoding.UTF8, "text/plain"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var array = await (await admin.PostAsync("/api/templates", Json("[]"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal([""], array.ErrorFields());
    }

    [Fact]
    public async Task Creating_a_key_twice_and_publishing_without_a_draft_are_409()
    {
        var admin = await host.ClientAsync();
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/templates", Json(Valid(key)))).StatusCode);
        await (await admin.PostAsync("/api/templates", Json(Valid(key)))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/templates/{key}/publish", null)).StatusCode);
        await (await admin.PostAsync($"/api/templates/{key}/publish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_street_officer_reads_templates_but_may_not_write_them()
    {
        var admin = await host.ClientAsync();
        var key = NewKey();
        await admin.PostAsync("/api/templates", Json(Valid(key)));
        var officer = await StreetOfficerAsync();

        await (await officer.PostAsync("/api/templates", Json(Valid(NewKey())))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.PutAsync($"/api/templates/{key}/draft", Json(Valid(key, "偷改")))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.PostAsync($"/api/templates/{key}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var read = await officer.GetFromJsonAsync<JsonElement>($"/api/templates/{key}");
        Assert.Equal(("测试模板", "Draft"), (read.GetProperty("name").GetString(), read.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/api/templates")).StatusCode);
    }

    [Fact]
    public async Task Replacing_needs_the_route_key_in_the_body_and_unknown_templates_are_404()
    {
        var admin = await host.ClientAsync();
        var key = NewKey();
        await admin.PostAsync("/api/templates", Json(Valid(key)));

        var mismatch = await (await admin.PutAsync($"/api/templates/{key}/draft", Json(Valid(NewKey())))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/key"], mismatch.ErrorFields());
        var unknown = NewKey();
        await (await admin.PutAsync($"/api/templates/{unknown}/draft", Json(Valid(unknown)))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostAsync($"/api/templates/{unknown}/publish", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/templates/{unknown}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/templates/{key}/versions/9")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_annual_template_ships_published_and_its_document_edits_back_into_a_draft()
    {
        var admin = await host.ClientAsync();
        var annual = (await admin.GetFromJsonAsync<JsonNode>("/api/templates/annual-responsibility"))!.AsObject();
        Assert.Equal(("Published", 1), (annual["status"]!.GetValue<string>(), annual["version"]!.GetValue<int>()));
        Assert.Equal("年初定目标", annual["stages"]![0]!["name"]!.GetValue<string>());

        foreach (var readOnly in new[] { "version", "status", "createdAt", "createdBy", "updatedAt", "updatedBy", "publishedAt", "publishedBy" })
            annual.Remove(readOnly);
        annual["name"] = "本区社区党建工作责任制年度考核";
        var edited = await BodyAsync(await admin.PutAsync("/api/templates/annual-responsibility/draft", Json(annual.ToJsonString())), HttpStatusCode.OK);
        Assert.Equal(2, edited.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_schema_is_served_to_anyone()
    {
        var response = await host.Anonymous().GetAsync("/api/templates/schema");
        var schema = await BodyAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
    }
}
