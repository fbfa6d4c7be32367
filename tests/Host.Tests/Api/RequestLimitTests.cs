using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Tests.Api;

public sealed class SmallLimitsHost : HostFixture
{
    protected override IEnumerable<string> Settings =>
        ["--Limits:MaxRequestBytes=2048", "--Limits:MaxImportBytes=4096", "--Limits:MaxEvidenceBytes=1024"];
}

public class RequestLimitTests(SmallLimitsHost host) : IClassFixture<SmallLimitsHost>
{
    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var client = await host.ClientAsync();
        var body = "{\"username\":\"" + new string('a', 5000) + "\"}";
        var response = await client.PostAsync("/api/users", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>A street officer and the id of an open task of theirs, in units of the test's own.</summary>
    async Task<(HttpClient Officer, long TaskId)> OpenTaskAsync()
    {
        var p = "RL" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await host.ClientAsync();
        var csv = $"code,name,kind,parentCode\n{p},市,City,\n{p}-D,区,District,{p}\n{p}-S,街道,Street,{p}-D\n";
        (await admin.PostAsync("/api/org-units/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var username = $"{p.ToLowerInvariant()}.o";
        (await admin.PostAsJsonAsync("/api/users", new { username, password = "pass-word-1", roles = new[] { new { role = "StreetOfficer", orgUnitCode = $"{p}-S" } } })).EnsureSuccessStatusCode();
        var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year + 1;
        host.Clock.MoveTo(ChinaTime.At(new DateOnly(year, 1, 5), 10));
        var root = new Caller(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);
        var cycle = await host.Get<CycleLauncher>().LaunchAsync(new LaunchRequest("test-annual", 1, TestTemplates.Annual, year, $"{p}-D"), root, CancellationToken.None);
        var officer = await host.ClientAsync(username, "pass-word-1");
        var tasks = await officer.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={cycle.Id}");
        return (officer, tasks.EnumerateArray().First(t => t.GetProperty("status").GetString() == "Open").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_oversized_evidence_file_is_a_413_problem()
    {
        var (officer, taskId) = await OpenTaskAsync();
        var pdf = new byte[10_000];
        "%PDF-1.7"u8.CopyTo(pdf);
        var response = await officer.PostAsync($"/api/tasks/{taskId}/evidence", new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "big.pdf" } });
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_declared_beyond_the_evidence_limit_is_413_whatever_the_task()
    {
        var client = await host.ClientAsync();
        var upload = new MultipartFormDataContent { { new ByteArrayContent(new byte[70_000]), "file", "big.pdf" } };
        await (await client.PostAsync("/api/tasks/1/evidence", upload)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Imports_have_their_own_larger_limit()
    {
        var client = await host.ClientAsync();
        var fits = "code,name,kind\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"L{i:000},名,City\n"));
        var tooBig = "code,name,kind\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"L{i:000},名,City\n"));
        Assert.InRange(Encoding.UTF8.GetByteCount(fits), 2049, 4096);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/org-units/import", new StringContent(fits, Encoding.UTF8, "text/csv"))).StatusCode);
        await (await client.PostAsync("/api/org-units/import", new StringContent(tooBig, Encoding.UTF8, "text/csv"))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}

public sealed class TightLoginLimitHost : HostFixture
{
    protected override IEnumerable<string> Settings => ["--Auth:LoginsPerMinutePerAddress=5"];
}

public class LoginLimitTests(TightLoginLimitHost host) : IClassFixture<TightLoginLimitHost>
{
    [Fact]
    public async Task Logins_beyond_the_limit_per_minute_are_turned_away()
    {
        var client = host.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            codes.Add((await client.PostAsync("/api/auth/token", new StringContent("""{"username":"nobody","password":"nothing-here"}""", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.Equal(HttpStatusCode.Unauthorized, codes[0]);
    }
}

public class LoginRetryAfterTests(TightLoginLimitHost host) : IClassFixture<TightLoginLimitHost>
{
    [Fact]
    public async Task A_429_says_when_to_come_back_in_Retry_After_and_as_a_problem()
    {
        var client = host.Anonymous();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8 && refused is null; i++)
        {
            var response = await client.PostAsync("/api/auth/token", new StringContent("""{"username":"nobody","password":"nothing-here"}""", Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }
        Assert.NotNull(refused);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.InRange(seconds ?? -1, 1, 60);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

}

public class UiLoginLimitTests(TightLoginLimitHost host) : IClassFixture<TightLoginLimitHost>
{
    [Fact]
    public async Task The_login_form_shares_the_same_budget_as_the_token_endpoint()
    {
        var client = host.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            codes.Add((await client.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, codes[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
    }
}

/// <summary>A proxy elsewhere is trusted; the loopback address the tests come from is not one.</summary>
public sealed class RemoteProxyHost : HostFixture
{
    protected override IEnumerable<string> Settings => ["--Hosting:TrustedProxies=10.9.9.9", "--Auth:LoginsPerMinutePerAddress=5"];
}

public class UntrustedForwardingTests(RemoteProxyHost host) : IClassFixture<RemoteProxyHost>
{
    [Fact]
    public async Task A_client_that_is_not_a_listed_proxy_cannot_escape_the_login_limit_with_X_Forwarded_For()
    {
        var client = host.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
            {
                Content = new StringContent("""{"username":"nobody","password":"nothing-here"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            codes.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), codes.Take(5));
        Assert.All(codes.Skip(5), code => Assert.Equal(HttpStatusCode.TooManyRequests, code));
    }
}
