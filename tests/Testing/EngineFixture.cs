using CommunityWorkflows.Workflows;
using Dapper;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Clock;

namespace CommunityWorkflows.Testing;

/// <summary>The engine's services over a fresh database of their own, with a clock the test drives.</summary>
public class EngineFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero); // Monday 09:00 in China

    public SimulatedClock Clock { get; } = new(Start);

    public ServiceProvider Services { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>How many timers of the target are still to fire.</summary>
    public async Task<int> PendingTimersAsync(string targetKind, long targetId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<int>(
            "select count(*) from timer where target_kind = @targetKind and target_id = @targetId and fired_at is null", new { targetKind, targetId });
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(Clock);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new SecurityClock(Clock)); // so that tests can expire tokens and locks
        services.AddCommunityWorkflows(o =>
        {
            o.ConnectionString = ConnectionString;
            o.PasswordHashIterations = 1000; // the real cost belongs to production, not to every test login
        });
        ConfigureServices(services);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Services a fixture subclass replaces (registered after the engine's, so they win).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
