using CommunityWorkflows.Testing.Host;
using System.Net;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

public class DashboardTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Signs in through the login form; the client's cookie container then carries the session.</summary>
    async Task<HttpClient> SignedInAsync(string username, string password)
    {
        var client = host.Anonymous();
        var form = await client.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/hangfire", ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hangfire", response.Headers.Location!.OriginalString);
        return client;
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page()
    {
        var response = await host.Anonymous().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=%2Fhangfire", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_login_page_speaks_chinese_first_and_english_on_request()
    {
        var client = host.Anonymous();
        Assert.Contains("用户名", await client.GetStringAsync("/login"));
        Assert.Contains("Username", await client.GetStringAsync("/login?culture=en&ui-culture=en"));
    }

    [Fact]
    public async Task A_system_admin_reaches_the_dashboard()
    {
        var client = await SignedInAsync("admin", HostFixture.AdminPassword);
        var response = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anyone_else_is_forbidden()
    {
        var admin = await host.ClientAsync();
        await admin.PostAsync("/api/org-units/import", new StringContent("""[{"code":"DSH","name":"市","kind":"City"}]""", System.Text.Encoding.UTF8, "application/json"));
        await admin.PostAsync("/api/users", System.Net.Http.Json.JsonContent.Create(new
        {
            username = "dash.leader", password = "leader-password", roles = new[] { new { role = "Leader", orgUnitCode = "DSH" } },
        }));
        var client = await SignedInAsync("dash.leader", "leader-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_does_not_open_the_api()
    {
        var client = await SignedInAsync("admin", HostFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}
