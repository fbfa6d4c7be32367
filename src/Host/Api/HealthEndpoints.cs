using Npgsql;

namespace CommunityWorkflows.Host.Api;

static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var command = db.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return Results.Ok(new { status = "ok" });
            }
            catch (NpgsqlException e)
            {
                return Results.Problem(statusCode: 503, title: "Database unavailable", detail: e.Message);
            }
        })
        .AllowAnonymous()
        .WithTags("Start-up")
        .WithSummary("200 {status: ok} once the database answers.");
}
