using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Store;

namespace CommunityWorkflows.Host.Cli;

/// <summary>
/// The host's services without the web server, for the verbs that do one job and exit: the same
/// configuration, database location and dependency graph as <c>serve</c>, with no job server.
/// </summary>
sealed class ToolHost : IAsyncDisposable
{
    readonly DatabaseLocation database;
    readonly WebApplication app;

    ToolHost(DatabaseLocation database, WebApplication app) => (this.database, this.app) = (database, app);

    public IServiceProvider Services => app.Services;

    /// <param name="scratchDatabase">
    /// When given, the tool works on a database of its own next to the configured one (named with this
    /// suffix), dropped and created afresh: a simulation or a benchmark never touches real data.
    /// </param>
    public static async Task<ToolHost> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken ct, string? scratchDatabase = null)
    {
        var builder = HostApp.CreateBuilder(configurationArgs);
        builder.Configuration["Hangfire:Server"] = "false";
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        using var loggers = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        var database = await DatabaseLocation.OpenAsync(builder.Configuration, loggers.CreateLogger("CommunityWorkflows.Embedded"), ct);
        var connectionString = scratchDatabase is null ? database.ConnectionString : await ScratchDatabase.RecreateAsync(database.ConnectionString, scratchDatabase, ct);
        var app = HostApp.Build(builder, connectionString);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        return new ToolHost(database, app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }
}
