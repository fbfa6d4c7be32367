using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>Every refusal is a problem document, those the server makes before the API runs included.</summary>
public class ServerRefusalTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_NUL_in_a_path_segment_is_a_400_problem()
    {
        var response = await host.Anonymous().GetAsync("/api/cycles/1%00");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("NUL", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()), "ApiProblem requires a traceId");
    }

    [Fact]
    public async Task A_query_of_9000_characters_is_a_414_problem()
    {
        var client = await host.ClientAsync();
        var response = await client.GetAsync("/api/cycles?year=2026&x=" + new string('a', 9000));
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8192", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_header_of_40_KB_is_a_431_problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Big", new string('a', 40_000));
        await (await host.Anonymous().SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task Beyond_the_server_s_own_limits_the_refusal_is_still_a_problem()
    {
        var line = await host.Anonymous().GetAsync("/api/cycles?x=" + new string('a', 70_000));
        await line.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);

        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        for (var i = 0; i < 5; i++) request.Headers.Add($"X-Big-{i}", new string('a', 30_000));
        await (await host.Anonymous().SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    /// <summary>A HEAD's answer has no content (RFC 9110 §9.3.2), a refused one included: the problem's headers, no body.</summary>
    [Theory]
    [InlineData("HEAD /api/cycles/1%00 HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /health HTTP/1.1\r\nHost: x\r\n\r\nHEAD /api/cycles/1%00 HTTP/1.1\r\nHost: x\r\n\r\n")]
    public async Task A_refused_head_request_is_answered_without_a_body(string requests)
    {
        var answer = await RawAsync(requests);

        var refusal = answer[answer.LastIndexOf("HTTP/1.1 ", StringComparison.Ordinal)..];
        Assert.StartsWith("HTTP/1.1 400 ", refusal);
        Assert.Contains("Content-Type: application/problem+json", refusal);
        Assert.EndsWith("\r\n\r\n", refusal);
    }

    [Fact]
    public async Task A_refused_get_after_a_head_still_gets_its_problem()
    {
        var answer = await RawAsync("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/cycles/1%00 HTTP/1.1\r\nHost: x\r\n\r\n");

        var refusal = answer[answer.LastIndexOf("HTTP/1.1 ", StringComparison.Ordinal)..];
        Assert.StartsWith("HTTP/1.1 400 ", refusal);
        Assert.EndsWith("}", refusal);
    }

    /// <summary>Writes <paramref name="requests"/> on one connection and reads until the server closes it.</summary>
    async Task<string> RawAsync(string requests)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests));
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer.ToArray());
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nDate: x\r\nServer: Kestrel\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n{}")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    public void Answers_of_the_api_are_never_rewritten(string head) =>
        Assert.Null(ServerRefusals.Rewritten(Encoding.ASCII.GetBytes(head), "0HN1:00000001"));

    [Fact]
    public void The_server_s_empty_refusal_gets_a_problem_body_of_the_length_it_declares()
    {
        var rewritten = Encoding.ASCII.GetString(ServerRefusals.Rewritten(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Sat, 05 Dec 2026 12:00:00 GMT\r\nServer: Kestrel\r\n\r\n"u8, "0HN1")!);
        var (head, body) = (rewritten[..rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal)], rewritten[(rewritten.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.Contains("Content-Type: application/problem+json", head);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", head);
        Assert.Contains("\"status\":431", body);
        Assert.Contains("\"traceId\":\"0HN1\"", body);
    }

    /// <summary>
    /// The test hosts buffer every answer to check it against the document, which hides how Kestrel's own response
    /// writer behaves behind the connection middleware; a host without that buffering serves JSON, large and small.
    /// </summary>
    [Fact]
    public async Task A_host_without_the_test_buffering_answers_json_through_the_rewriting_connection()
    {
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=Warning",
            $"--Bootstrap:AdminPassword={HostFixture.AdminPassword}", "--Auth:PasswordHashIterations=1000"]);
        await using var app = HostApp.Build(builder, await TestCluster.CreateDatabaseAsync());
        await HostApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var token = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = HostFixture.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var document = await client.GetAsync("/openapi/v1.json");
        Assert.True((await document.Content.ReadAsByteArrayAsync()).Length > 100_000);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/calendars")).StatusCode);
        await (await client.GetAsync("/api/cycles/1%00")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await app.StopAsync();
    }
}
