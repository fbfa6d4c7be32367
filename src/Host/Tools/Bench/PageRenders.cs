using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Ui.Session;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace CommunityWorkflows.Host.Tools.Bench;

/// <summary>
/// The server's time to render a page of the UI for a signed-in person: the page component rendered to HTML in a
/// fresh scope (as a new circuit would), with the session cookie's token checked on every call as in the browser,
/// its queries run against the database and every async load awaited. The browser's own work is not counted.
/// </summary>
sealed class PageRenders(IServiceProvider services, TextWriter output)
{
    const string BaseUri = "http://bench.local/";

    /// <summary>The pages people open most, as the province's busiest readers: the city's department and one street's officer.</summary>
    public async Task RunAsync(long cycleId, string root, Caller admin, CancellationToken ct)
    {
        var users = services.GetRequiredService<Users>();
        await users.CreateAsync(new NewUser("bench.city", $"Bench-{Guid.NewGuid():N}", "省委组织部", [new RoleAssignment("DistrictAdmin", root)]), admin, ct);
        var city = await SignInAsync("bench.city", admin, ct);
        await users.CreateAsync(new NewUser("bench.district", $"Bench-{Guid.NewGuid():N}", "第1区委组织部", [new RoleAssignment("DistrictAdmin", $"{root}-D000")]), admin, ct);
        var district = await SignInAsync("bench.district", admin, ct);
        var street = await SignInAsync($"off.{root.ToLowerInvariant()}-d000-s0000", admin, ct);
        const int runs = 20;
        var board = new Dictionary<string, object?> { ["Id"] = cycleId };
        await MeasureAsync("工作台 (a street officer)", typeof(Ui.Home.Workbench), "/", street, runs, ct);
        await MeasureAsync("我的任务 (a street officer)", typeof(Ui.Tasks.MyTasks), "/tasks", street, runs, ct);
        await MeasureAsync("工作台 (a district, 250 communities)", typeof(Ui.Home.Workbench), "/", district, runs, ct);
        await MeasureAsync("我的任务 (a district's review queue)", typeof(Ui.Tasks.MyTasks), "/tasks", district, runs, ct);
        await MeasureAsync("cycle board (a district)", typeof(Ui.Cycles.CycleBoardView), $"/cycles/{cycleId}", district, runs, ct, board);
        await MeasureAsync("工作台 (the whole province)", typeof(Ui.Home.Workbench), "/", city, runs, ct);
        await MeasureAsync("我的任务 (the province's review queue)", typeof(Ui.Tasks.MyTasks), "/tasks", city, runs, ct);
        await MeasureAsync("cycle board (the whole province)", typeof(Ui.Cycles.CycleBoardView), $"/cycles/{cycleId}", city, runs, ct, board);
    }

    /// <summary>A session token for <paramref name="username"/>, as the login page would give it.</summary>
    public async Task<string> SignInAsync(string username, Caller root, CancellationToken ct)
    {
        var password = $"Bench-{Guid.NewGuid():N}";
        await services.GetRequiredService<Users>().ResetPasswordAsync(username, password, root, ct);
        var token = await services.GetRequiredService<AccessTokens>().IssueAsync(username, password, "127.0.0.1", ct);
        return token?.Value ?? throw new InvalidOperationException($"{username} could not sign in.");
    }

    /// <summary>Renders <paramref name="page"/> at <paramref name="path"/> once to warm up, then <paramref name="runs"/> times; reports the median.</summary>
    public async Task<TimeSpan> MeasureAsync(string what, Type page, string path, string sessionToken, int runs, CancellationToken ct, IDictionary<string, object?>? parameters = null)
    {
        var caller = await services.GetRequiredService<AccessTokens>().AuthenticateAsync(sessionToken, ct)
                     ?? throw new InvalidOperationException("The bench session has ended.");
        var times = new List<TimeSpan>();
        var length = 0;
        for (var run = 0; run <= runs; run++)
        {
            var (elapsed, html) = await RenderOnceAsync(page, path, caller, sessionToken, parameters ?? new Dictionary<string, object?>());
            if (html.Contains("未找到", StringComparison.Ordinal) && !html.Contains("<h1", StringComparison.Ordinal))
                throw new InvalidOperationException($"{path} rendered 未找到 for {caller.Username}.");
            length = html.Length;
            if (run > 0) times.Add(elapsed);
        }
        times.Sort();
        var median = times[times.Count / 2];
        await output.WriteLineAsync($"render {what,-35} {path,-28} median {median.TotalMilliseconds,7:0.0} ms (min {times[0].TotalMilliseconds:0.0}, max {times[^1].TotalMilliseconds:0.0}; {runs} runs, {length / 1024} KB of HTML)");
        return median;
    }

    async Task<(TimeSpan Elapsed, string Html)> RenderOnceAsync(Type page, string path, Caller caller, string token, IDictionary<string, object?> parameters)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            ((IHostEnvironmentNavigationManager)provider.GetRequiredService<NavigationManager>()).Initialize(BaseUri, BaseUri + path.TrimStart('/'));
            List<Claim> claims = [new(ClaimTypes.NameIdentifier, caller.UserId.ToString()), new(ClaimTypes.Name, caller.Username)];
            claims.AddRange(caller.Grants.Select(g => new Claim(ClaimTypes.Role, g.Role.ToString())));
            var identity = new CallerIdentity(caller, token, claims, CallerAuthentication.SchemeName);
            ((IHostEnvironmentAuthenticationStateProvider)provider.GetRequiredService<AuthenticationStateProvider>())
                .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
            await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync(page, ParameterView.FromDictionary(parameters))).ToHtmlString());
            return (watch.Elapsed, html);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
    }
}
