using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Clock;

/// <summary>What an advance of the simulated clock ran.</summary>
public sealed record AdvanceResult(DateTimeOffset Now, int TimersFired, int MeetingsOpened);

/// <summary>
/// Moves the simulated clock to a later instant, stopping at every due timer and every occurrence of the
/// occurrence sources on the way, in order, so that what one sets up (a stage opening creates reminders, a
/// quarter opens meeting obligations) fires in its turn before the clock moves on.
/// </summary>
public sealed class ClockAdvancer(SimulatedClock clock, TimerDispatcher dispatcher, NpgsqlDataSource db, IEnumerable<IOccurrenceSource> sources)
{
    public const int MaxYearsAhead = 10;

    readonly SemaphoreSlim gate = new(1, 1);
    readonly IReadOnlyList<IOccurrenceSource> sources = sources.ToList();

    public async Task<AdvanceResult> AdvanceToAsync(DateTimeOffset to, CancellationToken ct)
    {
        to = to.ToUniversalTime();
        await gate.WaitAsync(ct);
        try
        {
            if (to < clock.GetUtcNow())
                throw new RuleViolationException("/to", Say.Text($"The simulated clock only moves forward; it is {ChinaTime.Text(clock.GetUtcNow())}.", $"模拟时钟只能向后调整；当前为 {ChinaTime.Text(clock.GetUtcNow())}。"));
            if (to > clock.GetUtcNow().AddYears(MaxYearsAhead))
                throw new RuleViolationException("/to", Say.Text($"One advance goes at most {MaxYearsAhead} years ahead; every timer and meeting on the way runs, step by step.", $"每次最多向后调整 {MaxYearsAhead} 年；期间到期的定时任务和会议将逐一执行。"));
            var (fired, opened) = (0, 0);
            DateTimeOffset? previous = null;
            while (await NextAsync(to, ct) is { } next)
            {
                // work that stays due after its turn was held by a change made meanwhile (a cadence being edited):
                // stop where the clock stands, every step before it done, rather than loop
                if (next == previous && next <= clock.GetUtcNow())
                    throw new ConflictException(Say.Text($"The clock stands at {ChinaTime.Text(clock.GetUtcNow())}: the work due then was held by a change made " +
                        "at the same time (a meeting cadence being edited, say) and did not run. Everything due before it ran; advance again.",
                        $"时钟停在 {ChinaTime.Text(clock.GetUtcNow())}：此刻到期的工作因同时进行的修改（如正在编辑例会规则）而未执行，此前到期的工作均已执行；请再次调整时钟。"));
                previous = next;
                if (next > clock.GetUtcNow()) clock.MoveTo(next);
                foreach (var source in sources)
                    opened += await source.RunDueAsync(clock.GetUtcNow(), ct);
                fired += (await dispatcher.DispatchDueAsync(clock.GetUtcNow(), ct)).Fired;
            }
            clock.MoveTo(to);
            return new AdvanceResult(to, fired, opened);
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<DateTimeOffset?> NextAsync(DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var next = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "select min(due_at) from timer where fired_at is null and due_at <= @until and target_kind = any(@known)",
            new { until, known = dispatcher.KnownTargetKinds.ToArray() }, cancellationToken: ct));
        foreach (var source in sources)
            if (await source.NextDueAsync(until, ct) is { } occurrence && (next is null || occurrence < next))
                next = occurrence;
        return next;
    }
}
