using System.Net;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>The UI's session cookie over plain HTTP, as a host started with its defaults writes it.</summary>
public class SessionCookieTests
{
    const string Password = "cookie-test-password-1";

    static async Task<string> SessionCookieAsync(params string[] settings)
    {
        var builder = HostApp.CreateBuilder([
            "--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=None",
            $"--Bootstrap:AdminPassword={Password}", "--Auth:PasswordHashIterations=1000", .. settings]);
        await using var app = HostApp.Build(builder, await TestCluster.CreateDatabaseAsync());
        await HostApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            var form = await client.GetStringAsync("/login");
            var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Username"] = "admin", ["Password"] = Password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery,
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cw_session=", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Outside_development_the_session_cookie_is_secure_even_over_plain_http()
    {
        var cookie = await SessionCookieAsync();

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_development_or_when_turned_off_it_is_secure_on_https_requests_only()
    {
        Assert.DoesNotContain("secure", await SessionCookieAsync("--environment", "Development"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync("--Hosting:SecureCookies=false"), StringComparison.OrdinalIgnoreCase);
    }
}
