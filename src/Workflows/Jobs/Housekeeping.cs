using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>Small clean-ups run as a Hangfire recurring job; safe to run twice.</summary>
public sealed class Housekeeping(NpgsqlDataSource db, Accounts.SecurityClock clock, CommunityWorkflowsOptions options, ILogger<Housekeeping> logger)
{
    public const string JobId = "housekeeping:tokens";

    /// <summary>Deletes expired access tokens, and failed-login records that no longer count (no lock in force, their window over).</summary>
    public async Task PurgeExpiredTokensAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var now = clock.UtcNow;
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "delete from access_token where expires_at < @now", new { now }, cancellationToken: ct));
        var forgotten = await Accounts.LoginLocks.ForgetStaleAsync(connection, options.LoginThrottle, now, ct);
        logger.LogInformation("Removed {Count} expired access tokens and {Failures} stale failed-login records", removed, forgotten);
    }
}
