using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>A host behind a proxy on the same machine, whose X-Forwarded-For names the client; locks are measured on the test's clock.</summary>
public sealed class LocalProxyHost : HostFixture
{
    protected override IEnumerable<string> Settings => ["--Hosting:TrustedProxies=127.0.0.1"];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new SecurityClock(Clock));
}

public class LoginLockoutTests(LocalProxyHost host) : IClassFixture<LocalProxyHost>
{
    const string Attacker = "203.0.113.9";
    const string Office = "198.51.100.7";

    async Task<HttpResponseMessage> LoginAsync(string username, string password, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        return await host.Anonymous().SendAsync(request);
    }

    async Task<string> NewUserAsync()
    {
        var username = "lock-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await host.ClientAsync();
        (await admin.PostAsJsonAsync("/api/users", new { username, password = "pass-word-1", roles = new[] { new { role = "SystemAdmin" } } })).EnsureSuccessStatusCode();
        return username;
    }

    /// <summary>The problem document as the client reads it, without the trace id that names the request.</summary>
    static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body.ToJsonString()}";
    }

    [Fact]
    public async Task An_attacker_address_cannot_keep_admin_locked_for_another_address()
    {
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("admin", "guess-" + i, Attacker)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("admin", HostFixture.AdminPassword, Attacker)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("admin", HostFixture.AdminPassword, Office)).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_answers_exactly_as_an_unknown_one_and_as_a_wrong_password()
    {
        var username = await NewUserAsync();
        var wrong = await AnswerAsync(await LoginAsync(username, "guess-0", Attacker));
        for (var i = 1; i < 5; i++) await LoginAsync(username, "guess-" + i, Attacker);

        var locked = await AnswerAsync(await LoginAsync(username, "pass-word-1", Attacker));
        var unknown = await AnswerAsync(await LoginAsync("nobody-" + username, "pass-word-1", Attacker));
        Assert.StartsWith("401 application/problem+json", locked);
        Assert.Equal(unknown, locked);
        Assert.Equal(wrong, locked);
    }

    [Fact]
    public async Task A_lock_ends_on_time_and_one_more_mistake_does_not_start_another()
    {
        var username = await NewUserAsync();
        for (var i = 0; i < 5; i++) await LoginAsync(username, "guess-" + i, Attacker);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(username, "pass-word-1", Attacker)).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(username, "one-more-guess", Attacker)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(username, "pass-word-1", Attacker)).StatusCode);
    }

    [Fact]
    public async Task An_address_trying_many_accounts_is_locked_out_of_all_of_them_and_locks_none_for_their_owners()
    {
        const string sprayer = "192.0.2.77";
        var accounts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            accounts.Add(await NewUserAsync());
            for (var j = 0; j < 4; j++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(accounts[^1], "guess-" + j, sprayer)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("admin", HostFixture.AdminPassword, sprayer)).StatusCode);
        foreach (var account in accounts)
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(account, "pass-word-1", Office)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_sees_the_lock_and_lifts_it()
    {
        const string guesser = "192.0.2.78";
        var username = await NewUserAsync();
        for (var i = 0; i < 5; i++) await LoginAsync(username, "guess-" + i, guesser);
        var admin = await host.ClientAsync();
        var locked = await admin.GetFromJsonAsync<JsonObject>($"/api/users/{username}");
        Assert.NotNull(locked!["lockedUntil"]);

        var unlocked = await (await admin.PostAsync($"/api/users/{username}/unlock", null)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Null(unlocked!["lockedUntil"]);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(username, "pass-word-1", guesser)).StatusCode);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task The_session_cookie_is_Secure_when_the_listed_proxy_forwards_https(string scheme, bool secure)
    {
        var browser = host.Anonymous();
        HttpRequestMessage Forwarded(HttpMethod method, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, "/login") { Content = content };
            request.Headers.Add("X-Forwarded-For", Office);
            request.Headers.Add("X-Forwarded-Proto", scheme);
            return request;
        }
        var form = await (await browser.SendAsync(Forwarded(HttpMethod.Get))).Content.ReadAsStringAsync();
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await browser.SendAsync(Forwarded(HttpMethod.Post, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = HostFixture.AdminPassword, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery,
        })));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cw_session=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }
}
