using CommunityWorkflows.Domain.Calendar;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>What the demo year holds at its end, counted in the database, and the short report seed-demo prints.</summary>
public sealed record DemoYearSummary(
    long CycleId, int Year, DateTimeOffset Now, IReadOnlyDictionary<string, int> Tasks, int OverdueTasks, int EscalatedTasks,
    int FindingsOpen, int FindingsVerified, int ScoredParticipants, int MeetingsHeld, int MeetingsLate, int MeetingsMissed,
    int ProblemsOpen, int ProblemsOverdue, int ProblemsResolved, IReadOnlyList<DemoYearNotices.Inbox> Inboxes)
{
    internal static async Task<DemoYearSummary> ReadAsync(DemoYearContext c, CancellationToken ct)
    {
        await using var connection = await c.Get<NpgsqlDataSource>().OpenConnectionAsync(ct);
        var args = new { cycleId = c.Cycle.Id, now = c.Now, year = c.Year };
        var tasks = (await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            "select status, count(*)::int from task where cycle_id = @cycleId and status <> 'Pending' group by status", args, cancellationToken: ct)))
            .ToDictionary(t => t.Status, t => t.Count);
        var row = await connection.QuerySingleAsync<(int, int, int, int, int, int, int, int, int, int, int)>(new CommandDefinition(
            """
            select
              (select count(*)::int from task where cycle_id = @cycleId and status in ('Open', 'Returned') and due_at < @now),
              (select count(distinct task_id)::int from notification where cycle_id = @cycleId and kind = 'Escalation' and task_id is not null),
              (select count(*)::int from finding f join task t on t.id = f.task_id where f.cycle_id = @cycleId and t.status <> 'Accepted'),
              (select count(*)::int from finding f join task t on t.id = f.task_id where f.cycle_id = @cycleId and t.status = 'Accepted'),
              (select count(distinct org_unit_id)::int from indicator_score where cycle_id = @cycleId),
              (select count(*)::int from meeting where status = 'Held' and not late and extract(year from period_start) = @year),
              (select count(*)::int from meeting where status = 'Held' and late and extract(year from period_start) = @year),
              (select count(*)::int from meeting where status = 'Due' and due_at < @now and extract(year from period_start) = @year),
              (select count(*)::int from liaison_problem p join liaison_point l on l.id = p.point_id where l.year = @year and p.status = 'Open' and p.due_at >= @now),
              (select count(*)::int from liaison_problem p join liaison_point l on l.id = p.point_id where l.year = @year and p.status = 'Open' and p.due_at < @now),
              (select count(*)::int from liaison_problem p join liaison_point l on l.id = p.point_id where l.year = @year and p.status = 'Resolved')
            """, args, cancellationToken: ct));
        var (overdue, escalated, open, verified, scored, held, late, missed, problemsOpen, problemsOverdue, resolved) = row;
        return new DemoYearSummary(c.Cycle.Id, c.Year, c.Now, tasks, overdue, escalated, open, verified, scored, held, late, missed,
            problemsOpen, problemsOverdue, resolved, await DemoYearNotices.ReadAsync(c, ct));
    }

    public async Task PrintAsync(TextWriter output)
    {
        int Count(string status) => Tasks.GetValueOrDefault(status);
        await output.WriteLineAsync($"Demo year {Year} up to {Now.ToChina():yyyy-MM-dd HH:mm}: cycle {CycleId} (社区党建工作责任制年度考核) running over 江城市's 6 streets.");
        await output.WriteLineAsync($"  tasks       open {Count("Open")}, submitted {Count("Submitted")}, returned {Count("Returned")}, accepted {Count("Accepted")}; " +
            $"overdue {OverdueTasks}, escalated {EscalatedTasks}");
        await output.WriteLineAsync($"  findings    open {FindingsOpen}, verified (销号) {FindingsVerified}; scores entered for {ScoredParticipants} streets");
        await output.WriteLineAsync($"  meetings    held {MeetingsHeld}, held late {MeetingsLate}, missed {MeetingsMissed}");
        await output.WriteLineAsync($"  liaison     problems open {ProblemsOpen}, overdue {ProblemsOverdue}, resolved {ProblemsResolved}");
        await output.WriteLineAsync("Sign in as (passwords above, printed when the city was created):");
        foreach (var inbox in Inboxes)
            await output.WriteLineAsync($"  {inbox.Persona.Username,-14} {inbox.Unread,3} unread  {inbox.Persona.Who}: {inbox.Persona.FirstLook}");
        await output.WriteLineAsync();
    }
}
