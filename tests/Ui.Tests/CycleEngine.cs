using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>Cycles set up through the engine's own services, as a demo person (for tests of the cycle pages and the workbench).</summary>
static class CycleEngine
{
    public const string Template = "annual-responsibility";

    public static async Task<Caller> CallerAsync(UiHost host, string username)
    {
        var tokens = host.Get<AccessTokens>();
        var token = await tokens.IssueAsync(username, host.Passwords[username], "192.0.2.1", CancellationToken.None)
            ?? throw new InvalidOperationException($"{username} cannot sign in.");
        return await tokens.AuthenticateAsync(token.Value, CancellationToken.None) ?? throw new InvalidOperationException();
    }

    /// <summary>Launches the shipped annual template for the clock's year over <paramref name="scopeCode"/> as <paramref name="username"/>.</summary>
    public static async Task<CycleView> LaunchAsync(UiHost host, string username, string scopeCode)
    {
        var template = await host.Get<Templates>().LoadPublishedAsync(Template, null, CancellationToken.None);
        var year = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        return await host.Get<CycleLauncher>().LaunchAsync(
            new LaunchRequest(template.Key, template.Version, template.Definition, year, scopeCode), await CallerAsync(host, username), CancellationToken.None);
    }
}
