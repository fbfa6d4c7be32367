using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Demo;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>The demo city loaded into a host once, and its people signed in by the passwords it printed then.</summary>
static partial class DemoPeople
{
    static readonly ConditionalWeakTable<HostFixture, Dictionary<string, string>> Passwords = [];
    static readonly SemaphoreSlim Gate = new(1, 1);

    [GeneratedRegex(@"^  (\S+)\s+(\S{12})  ", RegexOptions.Multiline)]
    private static partial Regex PasswordLine();

    public static async Task<HttpClient> SignInAsync(HostFixture host, string username)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Passwords.TryGetValue(host, out var passwords))
            {
                var output = new StringWriter();
                await DemoSeeder.SeedAsync(host.App.Services, output, CancellationToken.None);
                passwords = PasswordLine().Matches(output.ToString()).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                Passwords.Add(host, passwords);
            }
            return await host.ClientAsync(username, passwords[username]);
        }
        finally
        {
            Gate.Release();
        }
    }
}
