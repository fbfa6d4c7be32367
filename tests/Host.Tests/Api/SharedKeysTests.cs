using CommunityWorkflows.Testing.Host;
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

public class SharedKeysTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_login_form_served_by_one_host_is_accepted_by_another_on_the_same_database()
    {
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=Warning"]);
        await using var other = HostApp.Build(builder, host.ConnectionString);
        await other.StartAsync();
        var otherAddress = new Uri(other.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var client = host.Anonymous();
        var form = await client.GetStringAsync("/login");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync(new Uri(otherAddress, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = HostFixture.AdminPassword, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // the key ring lives in the database, not in one machine's home directory
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "select count(*) from data_protection_key") >= 1);
        await other.StopAsync();
    }

    [Fact]
    public async Task The_key_ring_is_stored_encrypted_and_is_useless_to_a_host_without_the_secret()
    {
        var client = host.Anonymous();
        var form = await client.GetStringAsync("/login");
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            var keys = (await Dapper.SqlMapper.QueryAsync<string>(connection, "select xml from data_protection_key where xml like '<key %'")).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret ", xml);
                Assert.Contains("<keyRingSecret ", xml);
                Assert.DoesNotContain("<masterKey", xml);
                Assert.DoesNotContain("<value>", xml);
            });
        }

        // a host that reads the same table under another secret cannot use those keys: the form's token is refused
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=None",
            "--Security:KeyRingSecret=not-the-installation's-secret"]);
        await using var stranger = HostApp.Build(builder, host.ConnectionString);
        await stranger.StartAsync();
        var strangerAddress = new Uri(stranger.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync(new Uri(strangerAddress, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = HostFixture.AdminPassword, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = antiforgery,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await stranger.StopAsync();
    }
}
