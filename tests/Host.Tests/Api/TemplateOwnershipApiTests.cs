using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// Issue 15, item 2: a district administrator rewrote and published the city-wide template. Over the demo city, each
/// role against the shipped template (owned by the installation), a district's own template, and their launches.
/// </summary>
public class TemplateOwnershipApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    const string Annual = "annual-responsibility";

    static readonly string[] ReadOnlyMembers = ["version", "status", "createdAt", "createdBy", "updatedAt", "updatedBy", "publishedAt", "publishedBy"];

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static string NewKey() => "t-" + Guid.NewGuid().ToString("N")[..10];

    static string Valid(string key, string name = "区级考核模板") => $$"""
        {
          "key": "{{key}}", "name": "{{name}}", "participants": { "kind": "Street" },
          "stages": [{
            "key": "Only", "name": "唯一阶段", "opensOn": "launch", "due": "+10 workdays",
            "tasks": [{ "key": "report", "title": "报告", "assignee": "directResponsible", "reviewer": "districtAdmin", "gate": true }]
          }]
        }
        """;

    static string Owned(string key, string owner)
    {
        var body = JsonNode.Parse(Valid(key))!.AsObject();
        body["ownerScopeCode"] = owner;
        return body.ToJsonString();
    }

    Task<Dictionary<string, HttpClient>> PeopleAsync(params string[] usernames) => DemoPeople.SignInAsync(host, usernames);

    /// <summary>A district administrator held at the demo city (江城市) itself: the city level.</summary>
    async Task<HttpClient> CityAdminAsync(HttpClient admin)
    {
        var username = "jc.admin-" + Guid.NewGuid().ToString("N")[..6];
        await admin.PostJsonAsync("/api/users", new { username, password = "pass-word-1", roles = new[] { new { role = "DistrictAdmin", orgUnitCode = "JC" } } },
            HttpStatusCode.Created);
        return await host.ClientAsync(username, "pass-word-1");
    }

    /// <summary>The template as a client reads it, and its row in the list: what a refused change must leave alone.</summary>
    static async Task<string> StateAsync(HttpClient client, string key)
    {
        var latest = await client.GetStringAsync($"/api/templates/{key}");
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/templates")).EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);
        return latest + "\n" + listed.GetRawText();
    }

    /// <summary>The latest version as a draft body: the document read, its read-only members removed, renamed.</summary>
    static async Task<string> EditedAsync(HttpClient client, string key, string name)
    {
        var document = (await client.GetFromJsonAsync<JsonNode>($"/api/templates/{key}"))!.AsObject();
        foreach (var member in ReadOnlyMembers)
            document.Remove(member);
        document["name"] = name;
        return document.ToJsonString();
    }

    static Task<HttpResponseMessage> LaunchAsync(HttpClient client, string key, string scopeCode, int year) =>
        client.PostAsJsonAsync("/api/cycles", new { templateKey = key, year, scopeCode });

    [Fact]
    public async Task A_district_administrator_may_neither_rewrite_nor_publish_the_city_wide_template()
    {
        var people = await PeopleAsync("demo.admin", "xs.admin", "dh.admin");
        var (admin, xs, dh) = (people["demo.admin"], people["xs.admin"], people["dh.admin"]);
        var shipped = await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{Annual}");
        Assert.Equal(JsonValueKind.Null, shipped.GetProperty("ownerScopeCode").ValueKind);
        var before = await StateAsync(admin, Annual);

        foreach (var (district, client) in new[] { ("xs.admin", xs), ("dh.admin", dh) })
        {
            var put = await (await client.PutAsync($"/api/templates/{Annual}/draft", Json(await EditedAsync(client, Annual, $"TAMPERED by {district}"))))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("belongs to the installation", put.GetProperty("detail").GetString());
            await (await client.PostAsync($"/api/templates/{Annual}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await StateAsync(admin, Annual));

        // nor a draft the city is still working on
        await admin.PutJsonAsync($"/api/templates/{Annual}/draft", JsonNode.Parse(await EditedAsync(admin, Annual, "全市年度考核（修订中）"))!);
        var pending = await StateAsync(admin, Annual);
        await (await xs.PostAsync($"/api/templates/{Annual}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(pending, await StateAsync(admin, Annual));

        // every district's next launch still uses the city's published version
        var cycle = await LaunchAsync(xs, Annual, "JC-XS", 2026).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(shipped.GetProperty("version").GetInt32(), cycle.GetProperty("templateVersion").GetInt32());
        Assert.Equal("年初定目标", cycle.GetProperty("stages")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_city_wide_template_is_edited_and_published_by_a_system_administrator_or_the_citys_district_administrator_only()
    {
        var people = await PeopleAsync("demo.admin", "dh.admin", "xs.admin", "lw.secretary", "lw01.officer", "city.leader1", "city.inspector", "dh.inspector", "dh.secretary");
        var admin = people["demo.admin"];
        var cityAdmin = await CityAdminAsync(admin);

        foreach (var username in people.Keys.Where(u => u != "demo.admin"))
        {
            var client = people[username];
            var before = await StateAsync(admin, Annual);
            await (await client.PutAsync($"/api/templates/{Annual}/draft", Json(await EditedAsync(client, Annual, $"TAMPERED by {username}"))))
                .AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync($"/api/templates/{Annual}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(before, await StateAsync(admin, Annual));
        }

        foreach (var (name, client) in new[] { ("全市年度考核（系统管理员修订）", admin), ("全市年度考核（市委组织部修订）", cityAdmin) })
        {
            var draft = await client.PutJsonAsync($"/api/templates/{Annual}/draft", JsonNode.Parse(await EditedAsync(client, Annual, name))!);
            var published = await client.PostJsonAsync($"/api/templates/{Annual}/publish", null);
            Assert.Equal((draft.GetProperty("version").GetInt32(), "Published"), (published.GetProperty("version").GetInt32(), published.GetProperty("status").GetString()));
            var latest = await admin.GetFromJsonAsync<JsonElement>($"/api/templates/{Annual}");
            Assert.Equal((name, JsonValueKind.Null), (latest.GetProperty("name").GetString(), latest.GetProperty("ownerScopeCode").ValueKind));
        }
    }

    [Fact]
    public async Task A_districts_own_template_is_edited_and_published_by_its_administrators_and_launched_only_inside_the_district()
    {
        var people = await PeopleAsync("demo.admin", "dh.admin", "xs.admin", "lw.secretary", "dh.secretary");
        var (admin, dh, xs, street) = (people["demo.admin"], people["dh.admin"], people["xs.admin"], people["lw.secretary"]);
        var cityAdmin = await CityAdminAsync(admin);
        var key = NewKey();

        await dh.PostJsonAsync("/api/templates", JsonNode.Parse(Valid(key))!, HttpStatusCode.Created);
        Assert.Equal("JC-DH", (await xs.GetFromJsonAsync<JsonElement>($"/api/templates/{key}")).GetProperty("ownerScopeCode").GetString());
        var listed = (await xs.GetFromJsonAsync<JsonElement>("/api/templates")).EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);
        Assert.Equal("JC-DH", listed.GetProperty("ownerScopeCode").GetString());

        var before = await StateAsync(admin, key);
        foreach (var client in new[] { xs, street, people["dh.secretary"] })
        {
            await (await client.PutAsync($"/api/templates/{key}/draft", Json(Valid(key, "TAMPERED")))).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync($"/api/templates/{key}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(before, await StateAsync(admin, key));

        await dh.PutJsonAsync($"/api/templates/{key}/draft", JsonNode.Parse(Valid(key, "东湖区考核模板"))!);
        await dh.PostJsonAsync($"/api/templates/{key}/publish", null);
        await cityAdmin.PutJsonAsync($"/api/templates/{key}/draft", JsonNode.Parse(await EditedAsync(cityAdmin, key, "东湖区考核模板（市里改）"))!);
        await admin.PostJsonAsync($"/api/templates/{key}/publish", null);
        var moved = await (await dh.PutAsync($"/api/templates/{key}/draft", Json(Owned(key, "JC-XS"))))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/ownerScopeCode"], moved.ErrorFields());

        await (await LaunchAsync(xs, key, "JC-XS", 2026)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await LaunchAsync(admin, key, "JC-XS", 2026)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await LaunchAsync(cityAdmin, key, "JC", 2026)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var cycle = await LaunchAsync(dh, key, "JC-DH", 2026).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((2, 3), (cycle.GetProperty("templateVersion").GetInt32(), cycle.GetProperty("participantCount").GetInt32()));
        await LaunchAsync(xs, Annual, "JC-XS", 2027).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_template_belongs_to_a_unit_its_creator_administers()
    {
        var people = await PeopleAsync("demo.admin", "xs.admin", "city.leader1");
        var (admin, xs) = (people["demo.admin"], people["xs.admin"]);
        var cityAdmin = await CityAdminAsync(admin);

        foreach (var owner in new[] { "JC-DH", "JC", "NOWHERE" })
        {
            var key = NewKey();
            var refused = await (await xs.PostAsync("/api/templates", Json(Owned(key, owner))))
                .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["/ownerScopeCode"], refused.ErrorFields());
            await (await admin.GetAsync($"/api/templates/{key}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }
        await (await people["city.leader1"].PostAsync("/api/templates", Json(Valid(NewKey())))).AssertProblemAsync(HttpStatusCode.Forbidden);

        var street = NewKey();
        await xs.PostJsonAsync("/api/templates", JsonNode.Parse(Owned(street, "JC-XS-FL"))!, HttpStatusCode.Created);
        var city = NewKey();
        await cityAdmin.PostJsonAsync("/api/templates", JsonNode.Parse(Valid(city))!, HttpStatusCode.Created);
        var installation = NewKey();
        await admin.PostJsonAsync("/api/templates", JsonNode.Parse(Valid(installation))!, HttpStatusCode.Created);
        var owners = (await admin.GetFromJsonAsync<JsonElement>("/api/templates")).EnumerateArray()
            .ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("ownerScopeCode").GetString());
        Assert.Equal(("JC-XS-FL", "JC", (string?)null), (owners[street], owners[city], owners[installation]));
    }
}
