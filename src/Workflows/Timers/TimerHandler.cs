using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>
/// The shape of a timer handler, written once: load the batch's targets, decide each timer (a firing, or a skip when its
/// target no longer waits), then apply the targets' own changes. A new target kind says only how to load, decide and apply.
/// </summary>
public abstract class TimerHandler<TTarget> : ITimerHandler where TTarget : class
{
    public abstract string TargetKind { get; }

    /// <summary>A timer whose target was found, and whether it fired.</summary>
    protected sealed record Decided(DueTimer Timer, TTarget Target, bool Fired);

    /// <summary>The query of the batch's targets: their rows whose id is in <c>@ids</c>, the timers' target ids.</summary>
    protected abstract string TargetsSql { get; }

    protected abstract long IdOf(TTarget target);

    /// <summary>The targets of the batch's timers, by id; a timer whose target is missing is skipped.</summary>
    protected virtual async Task<IReadOnlyDictionary<long, TTarget>> LoadAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, CancellationToken ct) =>
        (await tx.Connection!.QueryAsync<TTarget>(new CommandDefinition(TargetsSql, new { ids = TargetIds(timers) }, tx, cancellationToken: ct))).ToDictionary(IdOf);

    /// <summary>What <paramref name="timer"/> says about <paramref name="target"/> at <paramref name="now"/>, or null to skip it.</summary>
    protected abstract TimerFiring? Decide(DueTimer timer, TTarget target, DateTimeOffset now);

    /// <summary>The targets' own changes once the batch is decided (every timer whose target was found, fired or skipped).</summary>
    protected virtual Task ApplyAsync(NpgsqlTransaction tx, IReadOnlyList<Decided> decided, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;

    static long[] TargetIds(IReadOnlyList<DueTimer> timers) => timers.Select(t => t.TargetId).Distinct().ToArray();

    public async Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var targets = await LoadAsync(tx, timers, ct);
        var decided = new List<Decided>();
        var firings = new List<TimerFiring>();
        foreach (var timer in timers)
        {
            if (!targets.TryGetValue(timer.TargetId, out var target)) continue;
            var firing = Decide(timer, target, now);
            if (firing is not null) firings.Add(firing);
            decided.Add(new Decided(timer, target, firing is not null));
        }
        await ApplyAsync(tx, decided, now, ct);
        return new TimerEffects(
            decided.Where(d => d.Fired).Select(d => d.Timer.Id).ToList(), firings.SelectMany(f => f.Notices).ToList(), firings.Select(f => f.Journal).ToList());
    }
}
