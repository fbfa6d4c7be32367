using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Simulation;

/// <summary>What a simulated year came to, per stage: tasks accepted, ever overdue, reminded, escalated, still open.</summary>
static class SimulationReport
{
    sealed record StageLine(string Name, string Key, int Tasks, int Accepted, int AcceptedLate, int Overdue, int Reminded, int Escalated, int Unfinished);

    public static async Task PrintAsync(IServiceProvider services, long cycleId, TextWriter output, CancellationToken ct)
    {
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        var stages = await connection.QueryAsync<StageLine>(new CommandDefinition(
            """
            select s.name, s.key,
                   count(t.id)::int as tasks,
                   count(t.id) filter (where t.status = 'Accepted')::int as accepted,
                   count(t.id) filter (where t.status = 'Accepted' and t.overdue_at is not null)::int as accepted_late,
                   count(t.id) filter (where t.overdue_at is not null)::int as overdue,
                   (select count(distinct tm.target_id) from timer tm join task rt on rt.id = tm.target_id and tm.target_kind = 'Task'
                     where rt.cycle_id = s.cycle_id and rt.stage = s.ordinal and tm.kind = 'Reminder' and tm.outcome = 'Fired')::int as reminded,
                   (select count(distinct tm.target_id) from timer tm join task et on et.id = tm.target_id and tm.target_kind = 'Task'
                     where et.cycle_id = s.cycle_id and et.stage = s.ordinal and tm.kind = 'Escalation' and tm.outcome = 'Fired')::int as escalated,
                   count(t.id) filter (where t.status not in ('Accepted', 'Cancelled'))::int as unfinished
            from cycle_stage s left join task t on t.cycle_id = s.cycle_id and t.stage = s.ordinal
            where s.cycle_id = @cycleId
            group by s.cycle_id, s.ordinal, s.name, s.key
            order by s.ordinal
            """, new { cycleId }, cancellationToken: ct));
        var status = await connection.QuerySingleAsync<string>(new CommandDefinition("select status from cycle where id = @cycleId", new { cycleId }, cancellationToken: ct));
        var notices = await connection.QueryAsync<(string Kind, int Count)>(new CommandDefinition(
            "select kind, count(*)::int from notification where cycle_id = @cycleId group by kind order by kind", new { cycleId }, cancellationToken: ct));
        var verification = await services.GetRequiredService<EventJournal>().VerifyAsync(JournalStreams.Cycle(cycleId), ct);

        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"stage",-30} {"tasks",6} {"accepted",9} {"(late)",7} {"overdue",8} {"reminded",9} {"escalated",10} {"open",6}");
        foreach (var s in stages)
            await output.WriteLineAsync($"{Pad(s.Name + " " + s.Key, 30)} {s.Tasks,6} {s.Accepted,9} {s.AcceptedLate,7} {s.Overdue,8} {s.Reminded,9} {s.Escalated,10} {s.Unfinished,6}");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"cycle {cycleId}: {status}; notifications: {string.Join(", ", notices.Select(n => $"{n.Kind} {n.Count}"))}");
        await output.WriteLineAsync($"journal: {verification.Entries} entries, hash chain {(verification.Valid ? "verified" : $"BROKEN at {verification.FirstBrokenSeq}")}");
    }

    /// <summary>Pads to a terminal width, counting a Chinese character as two columns.</summary>
    static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - text.Sum(c => c >= 0x2E80 ? 2 : 1)));
}
