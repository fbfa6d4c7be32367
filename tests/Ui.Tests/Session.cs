using Microsoft.Playwright;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>
/// One person's browser. It records every script error and every request to another origin; <see cref="DisposeAsync"/>
/// fails the test when there was one, so every journey also checks "no script errors, nothing leaves the host".
/// </summary>
public sealed class Session(IBrowserContext context, Uri host) : IAsyncDisposable
{
    readonly List<string> problems = [];
    readonly List<string> hosts = [$"{host.Host}:{host.Port}"];

    /// <summary>Another host of the same installation (a second host behind the balancer) whose requests are not "outside".</summary>
    public void AllowHost(int port) => hosts.Add($"{host.Host}:{port}");

    /// <summary>Console errors expected in this test (a host stopped under the page: the socket's errors are logged).</summary>
    public bool ConnectionLossExpected { get; set; }

    public IBrowserContext Context => context;

    public IPage Page { get; private set; } = null!;

    public IReadOnlyList<string> Problems => problems;

    public async Task StartAsync()
    {
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || hosts.Contains($"{url.Host}:{url.Port}"))
            {
                await route.ContinueAsync();
                return;
            }
            problems.Add($"request left the host: {route.Request.Url}");
            await route.AbortAsync();
        });
        Page = await context.NewPageAsync();
        Page.PageError += (_, error) => problems.Add($"script error on {Page.Url}: {error}");
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !ConnectionLossExpected && !message.Text.Contains("status of 4", StringComparison.Ordinal))
                problems.Add($"console error on {Page.Url}: {message.Text}");
        };
    }

    public async Task SignInAsync(string username, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("用户名").FillAsync(username);
        await Page.GetByLabel("密码").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "退出" }).WaitForAsync();
    }

    /// <summary>Goes to a page of the app and waits until its circuit has drawn the heading.</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("h1").First.WaitForAsync();
    }

    /// <summary>A page's PNG (for the screenshots verb and for looking at a page while writing a test).</summary>
    public Task ShotAsync(string path) => Page.ScreenshotAsync(new() { Path = path, FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
