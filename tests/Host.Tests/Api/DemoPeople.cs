using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Demo;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>The demo city seeded into a host's database, and a signed-in client for each of its people named.</summary>
static class DemoPeople
{
    public static async Task<Dictionary<string, HttpClient>> SignInAsync(HostFixture host, params string[] usernames)
    {
        var output = new StringWriter();
        await DemoSeeder.SeedAsync(host.App.Services, output, CancellationToken.None);
        var passwords = Regex.Matches(output.ToString(), @"^  (\S+)\s+(\S{12})  ", RegexOptions.Multiline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var username in usernames)
            clients[username] = await host.ClientAsync(username, passwords[username]);
        return clients;
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
}
