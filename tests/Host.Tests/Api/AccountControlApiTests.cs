using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class AccountControlApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    const string Password = "pass-word-1";

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    async Task<string> NewUserAsync(params object[] roles)
    {
        var username = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await host.ClientAsync();
        var response = await admin.PostAsJsonAsync("/api/users", new { username, password = Password, roles = roles.Length > 0 ? roles : new object[] { new { role = "SystemAdmin" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return username;
    }

    /// <summary>Signs in through the login form; the client's cookie container then carries the UI session.</summary>
    async Task<HttpClient> BrowserAsync(string username, string password = Password)
    {
        var browser = host.Anonymous();
        var form = await browser.GetStringAsync("/login");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        return browser;
    }

    async Task<HttpStatusCode> LoginAsync(string username, string password = Password) =>
        (await host.Anonymous().PostAsJsonAsync("/api/auth/token", new { username, password })).StatusCode;

    [Fact]
    public async Task Disabling_an_account_ends_its_tokens_its_ui_session_and_its_calendar_link_at_once()
    {
        var username = await NewUserAsync();
        var api = await host.ClientAsync(username, Password);
        var browser = await BrowserAsync(username);
        var link = (await (await api.PostAsync("/api/me/calendar-feed", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var calendar = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await calendar.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        var admin = await host.ClientAsync();

        var disabled = await (await admin.PostAsync($"/api/users/{username}/disable", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        await (await api.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await calendar.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(username));

        Assert.False((await (await admin.PostAsync($"/api/users/{username}/enable", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        await (await api.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(username));
    }

    [Fact]
    public async Task A_disabled_account_is_refused_exactly_like_a_wrong_password()
    {
        var username = await NewUserAsync();
        var admin = await host.ClientAsync();
        var wrong = await host.Anonymous().PostAsJsonAsync("/api/auth/token", new { username, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{username}/disable", null)).StatusCode);

        var disabled = await host.Anonymous().PostAsJsonAsync("/api/auth/token", new { username, password = Password });

        var (a, b) = (await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized), await disabled.AssertProblemAsync(HttpStatusCode.Unauthorized));
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_administrator_resets_a_password_and_the_user_sets_their_own_with_the_current_one()
    {
        var username = await NewUserAsync();
        var before = await host.ClientAsync(username, Password);
        var admin = await host.ClientAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/users/{username}/password", new { password = "set-by-admin-1" })).StatusCode);
        await (await before.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(username));

        var user = await host.ClientAsync(username, "set-by-admin-1");
        var wrong = await (await user.PutAsJsonAsync("/api/me/password", new { currentPassword = Password, password = "my-own-secret-1" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/currentPassword"], wrong.ErrorFields());
        Assert.Equal(HttpStatusCode.NoContent, (await user.PutAsJsonAsync("/api/me/password", new { currentPassword = "set-by-admin-1", password = "my-own-secret-1" })).StatusCode);

        await (await user.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(username, "my-own-secret-1"));
    }

    [Theory]
    [InlineData("PUT", "/api/users/{0}/password", """{"passwrd": "long-enough-1"}""", "/passwrd")]
    [InlineData("PUT", "/api/users/{0}/password", """{"password": 12345678}""", "/password")]
    [InlineData("PUT", "/api/users/{0}/password", """{"password": "short"}""", "/password")]
    [InlineData("PUT", "/api/users/{0}/password", """{}""", "/password")]
    [InlineData("PUT", "/api/me/password", """{"current": "x", "password": "long-enough-1"}""", "/current")]
    [InlineData("PUT", "/api/me/password", """{"currentPassword": "pass-word-1", "password": "short"}""", "/password")]
    [InlineData("POST", "/api/users/{0}/roles", """{"role": "Leader", "orgUnitCode": "NOWHERE", "scope": "x"}""", "/scope")]
    [InlineData("POST", "/api/users/{0}/roles", """{"role": "Mayor"}""", "/role")]
    public async Task A_bad_body_is_a_422_naming_the_field(string method, string path, string body, string field)
    {
        var username = await NewUserAsync();
        var client = path.StartsWith("/api/me", StringComparison.Ordinal) ? await host.ClientAsync(username, Password) : await host.ClientAsync();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, username)) { Content = Json(body) });

        Assert.Contains(field, (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    public async Task Signing_someone_out_and_signing_out_everywhere_end_every_token()
    {
        var username = await NewUserAsync();
        var first = await host.ClientAsync(username, Password);
        var second = await host.ClientAsync(username, Password);
        var admin = await host.ClientAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{username}/sign-out", null)).StatusCode);
        await (await first.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await second.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);

        var third = await host.ClientAsync(username, Password);
        var fourth = await host.ClientAsync(username, Password);
        Assert.Equal(HttpStatusCode.NoContent, (await third.PostAsync("/api/me/sign-out-everywhere", null)).StatusCode);
        await (await third.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await fourth.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Roles_are_granted_and_taken_away_but_never_the_last_one_or_ones_own()
    {
        var username = await NewUserAsync();
        var admin = await host.ClientAsync();
        var token = await host.ClientAsync(username, Password);
        var c = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/org-units/import", Json($$"""[{"code":"{{c}}","name":"江城市","kind":"City"}]"""))).StatusCode);

        var granted = await (await admin.PostAsJsonAsync($"/api/users/{username}/roles", new { role = "Leader", orgUnitCode = c })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, granted.GetProperty("roles").GetArrayLength());

        var removed = await admin.DeleteAsync($"/api/users/{username}/roles/SystemAdmin");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal($"Leader@{c}", string.Join(",", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray()
            .Select(r => $"{r.GetProperty("role").GetString()}@{r.GetProperty("orgUnitCode").GetString()}")));
        await (await token.GetAsync("/api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.DeleteAsync($"/api/users/{username}/roles/SystemAdmin")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/users/{username}/roles/Leader@{c}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync("/api/users/admin/roles/SystemAdmin")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_accounts_administrators_control_it()
    {
        var c = "S" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await host.ClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/org-units/import", Json(
            $$"""[{"code":"{{c}}","name":"江城市","kind":"City"},{"code":"{{c}}-D1","name":"东湖区","kind":"District","parentCode":"{{c}}"}]"""))).StatusCode);
        var leader = await NewUserAsync(new { role = "Leader", orgUnitCode = $"{c}-D1" });
        var colleague = await NewUserAsync(new { role = "Leader", orgUnitCode = $"{c}-D1" });
        var leaderClient = await host.ClientAsync(leader, Password);

        await (await leaderClient.PostAsync($"/api/users/{colleague}/disable", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await leaderClient.PostAsync("/api/users/admin/sign-out", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await leaderClient.PostAsync($"/api/users/{leader}/disable", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync("/api/users/admin/disable", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync("/api/users/nobody-here/unlock", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var seen = await leaderClient.GetFromJsonAsync<JsonElement>($"/api/users/{colleague}");
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("disabled").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);
    }
}
