using CommunityWorkflows.Host.Embedded;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>
/// The database the host works on: <c>ConnectionStrings:Main</c> when set, otherwise the embedded
/// cluster under <c>Embedded:DataDir</c> (default <c>.data/pg</c>), started or joined here.
/// </summary>
public sealed class DatabaseLocation : IAsyncDisposable
{
    public const string DefaultDataDir = ".data/pg";
    public const string DefaultDatabase = "communityworkflows";

    DatabaseLocation(string connectionString, EmbeddedPostgres? embedded) => (ConnectionString, Embedded) = (connectionString, embedded);

    public string ConnectionString { get; }

    public EmbeddedPostgres? Embedded { get; }

    public static async Task<DatabaseLocation> OpenAsync(IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var configured = configuration.GetConnectionString("Main");
        if (!string.IsNullOrWhiteSpace(configured))
            return new DatabaseLocation(configured, null);
        var embedded = await EmbeddedPostgres.StartAsync(configuration["Embedded:DataDir"] ?? DefaultDataDir, throwaway: false, logger, ct, configuration["Embedded:BinDir"]);
        return new DatabaseLocation(embedded.ConnectionString(configuration["Embedded:Database"] ?? DefaultDatabase), embedded);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
