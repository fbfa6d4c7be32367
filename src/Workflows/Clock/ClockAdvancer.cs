using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Clock;

/// <summary>What an advance of the simulated clock ran.</summary>
public sealed record AdvanceResult(DateTimeOffset Now, int TimersFired, int MeetingsOpened);

/// <summary>
/// Moves the simulated clock to a later instant, stopping at every due timer on the way, in order, so that
/// what a timer sets up (a stage opening creates reminders) fires in its turn before the clock moves on.
/// </summary>
public sealed class ClockAdvancer(SimulatedClock clock, TimerDispatcher dispatcher, NpgsqlDataSource db)
{
    readonly SemaphoreSlim gate = new(1, 1);

    public async Task<AdvanceResult> AdvanceToAsync(DateTimeOffset to, CancellationToken ct)
    {
        to = to.ToUniversalTime();
        await gate.WaitAsync(ct);
        try
        {
            if (to < clock.GetUtcNow())
                throw new RuleViolationException("/to", $"The simulated clock only moves forward; it is {clock.GetUtcNow():O}.");
            var fired = 0;
            while (await NextDueAsync(to, ct) is { } next)
            {
                if (next > clock.GetUtcNow()) clock.MoveTo(next);
                fired += (await dispatcher.DispatchDueAsync(clock.GetUtcNow(), ct)).Fired;
            }
            clock.MoveTo(to);
            return new AdvanceResult(to, fired, 0);
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "select min(due_at) from timer where fired_at is null and due_at <= @until", new { until }, cancellationToken: ct));
    }
}
