using CommunityWorkflows.Testing.Host;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Testing;
using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>
/// The real host over a fresh database with the demo city's people, and Debian's chromium driven by Playwright.
/// One per test class: the host and the browser are shared by its tests, each test gets its own browser context.
/// </summary>
public class UiHost : HostFixture, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    IPlaywright playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every demo person's password, as seed-demo printed it.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var output = new StringWriter();
        await DemoSeeder.SeedAsync(App.Services, output, CancellationToken.None);
        Passwords = Regex.Matches(output.ToString(), @"^  (\S+)\s+(\S{12})  ", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root
        });
    }

    public new async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser (own cookies) watching for script errors and requests that leave the host.</summary>
    public async Task<Session> OpenAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        var session = new Session(context, BaseAddress);
        await session.StartAsync();
        return session;
    }

    /// <summary>A browser signed in as <paramref name="username"/> through the login page, on the workbench.</summary>
    public async Task<Session> SignInAsync(string username, int width = 1366, int height = 768)
    {
        var session = await OpenAsync(width, height);
        await session.SignInAsync(username, username == "admin" ? AdminPassword : Passwords[username]);
        return session;
    }
}
