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
}
