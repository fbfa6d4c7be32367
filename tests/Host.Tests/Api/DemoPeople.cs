using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// The demo city seeded into a host's database, and a signed-in client for each of its people named. The
/// passwords are printed only when the city is loaded, so they are kept per host: tests of one class may sign in
/// again and again.
/// </summary>
static class DemoPeople
{
    static readonly ConditionalWeakTable<HostFixture, Dictionary<string, string>> Passwords = [];
    static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<Dictionary<string, HttpClient>> SignInAsync(HostFixture host, params string[] usernames)
    {
        var passwords = await PasswordsAsync(host);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var username in usernames)
            clients[username] = await host.ClientAsync(username, passwords[username]);
        return clients;
    }

    static async Task<Dictionary<string, string>> PasswordsAsync(HostFixture host)
    {
        await Gate.WaitAsync();
        try
        {
            if (Passwords.TryGetValue(host, out var known)) return known;
            var output = new StringWriter();
            await DemoSeeder.SeedAsync(host.App.Services, output, CancellationToken.None);
            var passwords = Regex.Matches(output.ToString(), @"^  (\S+)\s+(\S{12})  ", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Passwords.Add(host, passwords);
            return passwords;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The JSON body of a response, after asserting its status (the body is in the message when it differs).</summary>
    public static async Task<JsonElement> JsonAsync(this Task<HttpResponseMessage> request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    public static Task<JsonElement> PutJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PutAsJsonAsync(path, body).JsonAsync(expected);

    public static Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PostAsJsonAsync(path, body).JsonAsync(expected);

    /// <summary>Moves the simulated clock to <paramref name="to"/> (asserting 200), every timer and meeting on the way run.</summary>
    public static Task<JsonElement> AdvanceClockAsync(this HttpClient admin, string to) => admin.PostJsonAsync("/api/admin/clock/advance", new { to });
}
