using CommunityWorkflows.EmbeddedPostgres;
using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Workflows.Store;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>
/// The database the host works on: <c>ConnectionStrings:Main</c> when set, otherwise the embedded
/// cluster under <c>Embedded:DataDir</c> (default <c>.data/pg</c>), started or joined here.
/// </summary>
public sealed class DatabaseLocation : IAsyncDisposable
{
    DatabaseLocation(string connectionString, EmbeddedCluster? embedded) => (ConnectionString, Embedded) = (connectionString, embedded);

    public string ConnectionString { get; }

    public EmbeddedCluster? Embedded { get; }

    public static async Task<DatabaseLocation> OpenAsync(IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        // the database exists before the host is built: Hangfire's storage, made while building, waits ~30 s
        // with retries for a database that the migrator would only create afterwards
        var configured = HostSettings.Read<ConnectionStringsSettings>(configuration).Main;
        var settings = HostSettings.Read<EmbeddedSettings>(configuration);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await Migrator.EnsureDatabaseAsync(configured, ct);
            return new DatabaseLocation(configured, null);
        }
        var embedded = await EmbeddedCluster.StartAsync(settings.DataDir, throwaway: false, logger, ct, settings.BinDir);
        var location = new DatabaseLocation(embedded.ConnectionString(settings.Database), embedded);
        try
        {
            await Migrator.EnsureDatabaseAsync(location.ConnectionString, ct);
        }
        catch
        {
            await location.DisposeAsync();
            throw;
        }
        return location;
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
