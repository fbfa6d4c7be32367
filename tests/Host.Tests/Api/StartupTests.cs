using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class StartupTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Health_answers_ok_without_a_token()
    {
        var health = await host.Anonymous().GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_are_served()
    {
        var client = host.Anonymous();
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/org-units/import", out _));
        var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_api_without_a_token_answers_401_as_a_problem()
    {
        var response = await host.Anonymous().GetAsync("/api/org-units");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var client = await host.ClientAsync();
        await (await client.GetAsync("/api/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_bootstrap_admin_logs_in_and_sees_itself()
    {
        var client = await host.ClientAsync();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("admin", me.GetProperty("username").GetString());
        Assert.Equal("SystemAdmin", me.GetProperty("roles")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        var response = await host.Anonymous().PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "not-the-password" });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_works()
    {
        var client = await host.ClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/revoke", null)).StatusCode);
        await (await client.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_fault()
    {
        var client = await host.ClientAsync();
        var response = await client.PostAsync("/api/users", new StringContent("{\"username\": ", System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_a_422_problem_naming_it()
    {
        var client = await host.ClientAsync();
        var response = await client.PostAsync("/api/users", new StringContent("""{"username": 5, "password": "x"}""", System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/username"], problem.ErrorFields());
    }

    [Fact]
    public async Task Every_answer_of_the_test_host_is_held_to_the_openapi_document()
    {
        var before = host.Contract.Checked;
        var client = await host.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.True(host.Contract.Checked > before);
        Assert.Empty(host.Contract.Violations);
    }
}
