using Npgsql;

using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class HealthEndpoints
{
    /// <summary><c>ok</c> once the database answers.</summary>
    public sealed record HealthView(string Status);

    public const string LogCategory = "CommunityWorkflows.Host.Health";

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (NpgsqlDataSource db, ILoggerFactory logging, CancellationToken ct) =>
        {
            try
            {
                await using var command = db.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return Results.Ok(new HealthView("ok"));
            }
            catch (NpgsqlException e)
            {
                // the driver's text names hosts, databases and users: it goes to the log, never to an anonymous caller
                logging.CreateLogger(LogCategory).LogWarning(e, "Health check: the database does not answer");
                return Results.Problem(statusCode: 503,
                    title: Say.Text("Database unavailable", "数据库不可用"),
                    detail: Say.Text("The database does not answer; the host's log says why.", "数据库无应答，原因见主机日志。"));
            }
        })
        .AllowAnonymous()
        .WithTags("Start-up")
        .WithName("GetHealth").Produces<HealthView>().Problems(503)
        .WithSummary("200 {status: ok} once the database answers.");
}
