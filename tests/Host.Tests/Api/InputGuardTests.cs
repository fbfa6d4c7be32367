using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class InputGuardTests(HostFixture host) : IClassFixture<HostFixture>
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""[{"code":"N1","name":"a\u0000b","kind":"City"}]""", "/0/name")]
    [InlineData("""[{"code":"N1","name":"a\ud83d","kind":"City"}]""", "/0/name")]
    [InlineData("""[{"code":"N1","name":"x","kind":"City","name":"y"}]""", "/0/name")]
    public async Task Text_that_cannot_be_stored_is_named_by_pointer_and_nothing_is_written(string body, string pointer)
    {
        var admin = await host.ClientAsync();
        var response = await admin.PostAsync("/api/org-units/import", Json(body));
        Assert.Equal([pointer], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await admin.GetAsync("/api/org-units/N1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_nul_anywhere_is_refused_whatever_the_endpoint()
    {
        var admin = await host.ClientAsync();
        await (await admin.GetAsync("/api/tasks?orgUnitCode=a%00b")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync("/api/auth/token", Json("""{"username":"ad\u0000min","password":"x"}"""))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var csv = await admin.PostAsync("/api/org-units/import", new StringContent("code,name,kind\nN2,a\0b,City\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("Line 2", (await csv.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("/")[0].GetString());
    }

    /// <summary>Every operation may answer 400 for a NUL in its address, the parameters it does not read included, so every one documents it.</summary>
    [Theory]
    [InlineData("/api/me", "/api/me?x=a%00b")]
    [InlineData("/api/cycles/{id}", "/api/cycles/1?x=a%00b")]
    [InlineData("/api/templates/schema", "/api/templates/schema?x=%00")]
    public async Task A_nul_in_a_query_parameter_the_operation_does_not_read_is_a_documented_400(string operation, string url)
    {
        var admin = await host.ClientAsync();

        await (await admin.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var document = await host.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").GetProperty(operation).GetProperty("get").GetProperty("responses").TryGetProperty("400", out _),
            $"GET {operation} answers 400 but does not document it");
    }

    [Fact]
    public async Task A_problem_is_json_even_to_a_client_asking_for_a_spreadsheet()
    {
        var client = host.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/cycles/1/results");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var admin = await host.ClientAsync();
        var missing = new HttpRequestMessage(HttpMethod.Get, "/api/cycles/999999/results");
        missing.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await (await admin.SendAsync(missing)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
