using System.Net;
using System.Net.Sockets;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>
/// Several hosts on one database, and a host that restarts under an open page: the session made on one host holds on
/// another, and a page whose circuit died with its host reloads by itself and says what was not kept.
/// </summary>
public class SeveralHostsTests(UiHost host) : IClassFixture<UiHost>
{
    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task<WebApplication> StartHostAsync(int port)
    {
        var builder = HostApp.CreateBuilder([
            "--urls", $"http://127.0.0.1:{port}", "--Hangfire:Server=false", "--Logging:LogLevel:Default=Warning",
            "--Hosting:SecureCookies=false", "--Clock:Mode=Simulated"]);
        builder.Services.AddSingleton(host.Clock);
        builder.Services.AddSingleton<TimeProvider>(host.Clock);
        var app = HostApp.Build(builder, host.ConnectionString);
        await HostApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_session_made_on_one_host_opens_an_interactive_page_on_another_host_of_the_same_database()
    {
        var port = FreePort();
        await using var other = await StartHostAsync(port);
        await using var browser = await host.SignInAsync("dh.admin");
        browser.AllowHost(port);
        var cookies = await browser.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "cw_session");
        // the balancer's one name for both hosts is played here by copying the cookie to the other host's address
        await browser.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = session.Name, Value = session.Value, Domain = "127.0.0.1", Path = "/", HttpOnly = true, SameSite = SameSiteAttribute.Strict }]);
        var page = browser.Page;
        await page.GotoAsync($"http://127.0.0.1:{port}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("东湖区委组织部");
    }

    [Fact]
    public async Task A_page_whose_host_restarted_reloads_by_itself_and_says_unsaved_input_was_not_kept()
    {
        var port = FreePort();
        var first = await StartHostAsync(port);
        await using var browser = await host.OpenAsync();
        browser.AllowHost(port);
        browser.ConnectionLossExpected = true;
        var page = browser.Page;
        await page.GotoAsync($"http://127.0.0.1:{port}/login");
        await page.GetByLabel("用户名").FillAsync("dh.admin");
        await page.GetByLabel("密码").FillAsync(host.Passwords["dh.admin"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        var notice = page.Locator(".cw-reloaded-notice");
        await Assertions.Expect(notice).ToBeHiddenAsync();

        await first.StopAsync();
        await first.DisposeAsync();
        await using var second = await StartHostAsync(port);

        // the new host does not know the old circuit: the page reloads by itself and says so
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(notice).ToContainTextAsync("未能保留");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await second.StopAsync();
    }
}
