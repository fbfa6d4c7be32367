using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>A cycle stage's opening time has come: its first tasks open for every instance that has reached it.</summary>
public sealed class StageTimers(Calendars calendars, CycleDefinitions definitions) : ITimerHandler
{
    public const string Target = TimerTargets.Stage;

    public string TargetKind => Target;

    public async Task<TimerEffects> FireAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await calendars.LoadAsync(ct);
        var connection = tx.Connection!;
        var fired = new List<long>();
        var entries = new List<JournalDraft>();
        foreach (var timer in timers)
        {
            var stage = await connection.QuerySingleAsync<(string CycleStatus, DateTimeOffset OpensAt, string Key)>(new CommandDefinition(
                "select c.status, s.opens_at, s.key from cycle c join cycle_stage s on s.cycle_id = c.id and s.ordinal = @stage where c.id = @cycleId",
                new { cycleId = timer.TargetId, stage = timer.Stage!.Value }, tx, cancellationToken: ct));
            if (stage.CycleStatus != "Running") continue;
            var definition = await definitions.GetAsync(connection, timer.TargetId, ct);
            var opened = await StageOpening.OpenAsync(tx, timer.TargetId, definition, timer.Stage.Value, stage.OpensAt, now, calendar, ct);
            entries.Add(new(JournalStreams.Cycle(timer.TargetId), "StageOpened", stage.Key, new { stage = timer.Stage, tasksOpened = opened }));
            fired.Add(timer.Id);
        }
        return new TimerEffects(fired, [], entries);
    }
}
