using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityWorkflows.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using CommunityWorkflows.Host.Api.OpenApi;
using CommunityWorkflows.Workflows.Clock;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityWorkflows.Testing.Host;

/// <summary>
/// The real host (Kestrel on a free loopback port) over a fresh database, with the bootstrap admin and
/// a clock the test drives; the Hangfire server is off so that tests run jobs by calling them.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-1";

    public SimulatedClock Clock { get; } = new(EngineFixture.Start);

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Every API answer of this host, held to the OpenAPI document it serves; a breach fails the test class.</summary>
    public ResponseContract Contract { get; }

    public HostFixture() => Contract = new ResponseContract(DocumentAsync);

    async Task<string> DocumentAsync()
    {
        var document = await App.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name).GetOpenApiDocumentAsync();
        return await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
    }

    /// <summary>Extra configuration for a fixture subclass (e.g. smaller limits).</summary>
    protected virtual IEnumerable<string> Settings => [];

    /// <summary>Services a fixture subclass puts in before the host's own (e.g. a security clock the test drives).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        var builder = HostApp.CreateBuilder([
            "--urls", "http://127.0.0.1:0",
            "--Hangfire:Server=false",
            $"--Bootstrap:AdminPassword={AdminPassword}",
            "--Logging:LogLevel:Default=Warning",
            "--Clock:Mode=Simulated",
            // the test client's cookie container keeps a Secure cookie from plain http://127.0.0.1 but never sends it
            // back there (browsers do on localhost); SessionCookieTests hold the default to Secure
            "--Hosting:SecureCookies=false",
            "--Auth:PasswordHashIterations=1000",
            "--Auth:LoginsPerMinutePerAddress=100000",
            .. Settings]);
        builder.Services.AddSingleton(Clock);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<IStartupFilter>(new ContractCheck(Contract));
        ConfigureServices(builder.Services);
        App = HostApp.Build(builder, ConnectionString);
        await HostApp.PrepareAsync(App, CancellationToken.None);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
    }

    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>A client carrying a fresh bearer token for <paramref name="username"/>.</summary>
    public async Task<HttpClient> ClientAsync(string username = "admin", string password = AdminPassword)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Contract.Violations.Count > 0)
            throw new Xunit.Sdk.XunitException($"The API broke its OpenAPI document {Contract.Violations.Count} time(s):\n  " + string.Join("\n  ", Contract.Violations));
    }

    /// <summary>Puts the <see cref="ResponseContract"/> in front of the whole pipeline, so it sees every answer as sent.</summary>
    sealed class ContractCheck(ResponseContract contract) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) => contract.InvokeAsync(context, following));
            next(app);
        };
    }
}
