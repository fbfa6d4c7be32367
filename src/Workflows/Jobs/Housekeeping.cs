using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>Small clean-ups run as a Hangfire recurring job; safe to run twice.</summary>
public sealed class Housekeeping(NpgsqlDataSource db, Accounts.SecurityClock clock, ILogger<Housekeeping> logger)
{
    public const string JobId = "housekeeping:tokens";

    public async Task PurgeExpiredTokensAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "delete from access_token where expires_at < @now", new { now = clock.UtcNow }, cancellationToken: ct));
        logger.LogInformation("Removed {Count} expired access tokens", removed);
    }
}
