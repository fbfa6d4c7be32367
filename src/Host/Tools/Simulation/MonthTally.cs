using CommunityWorkflows.Domain.Calendar;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Simulation;

/// <summary>
/// What one month (China time) of a simulated cycle came to: its tasks opened, submitted, returned and accepted, the
/// reminders, deadlines and escalations that fired on them, and the meeting obligations opened and missed meanwhile.
/// </summary>
sealed record MonthTally(
    DateOnly Month, int TasksOpened, int Submitted, int Returned, int Accepted, int Reminders, int Overdue, int Escalations,
    int MeetingsOpened, int MeetingsOverdue)
{
    public static async Task<MonthTally> ReadAsync(NpgsqlDataSource db, long cycleId, DateOnly month, CancellationToken ct)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var (from, to) = (ChinaTime.At(first), ChinaTime.At(first.AddMonths(1)));
        await using var connection = await db.OpenConnectionAsync(ct);
        var counts = await connection.QuerySingleAsync<(int, int, int, int, int, int, int, int, int)>(new CommandDefinition(
            """
            with cycle_task as (select id, opened_at, accepted_at from task where cycle_id = @cycleId)
            select (select count(*) from cycle_task where opened_at >= @from and opened_at < @to)::int,
                   (select count(*) from task_submission s join cycle_task t on t.id = s.task_id
                     where s.submitted_at >= @from and s.submitted_at < @to)::int,
                   (select count(*) from task_review r join cycle_task t on t.id = r.task_id
                     where r.decision = 'Return' and r.reviewed_at >= @from and r.reviewed_at < @to)::int,
                   (select count(*) from cycle_task where accepted_at >= @from and accepted_at < @to)::int,
                   count(tm.id) filter (where tm.kind = 'Reminder')::int,
                   count(tm.id) filter (where tm.kind = 'Overdue')::int,
                   count(tm.id) filter (where tm.kind = 'Escalation')::int,
                   (select count(*) from meeting where opened_at >= @from and opened_at < @to)::int,
                   (select count(*) from meeting where overdue_at >= @from and overdue_at < @to)::int
            from timer tm join cycle_task t on tm.target_kind = 'Task' and tm.target_id = t.id
            where tm.outcome = 'Fired' and tm.fired_at >= @from and tm.fired_at < @to
            """, new { cycleId, from, to }, cancellationToken: ct));
        var (opened, submitted, returned, accepted, reminders, overdue, escalations, meetingsOpened, meetingsOverdue) = counts;
        return new MonthTally(first, opened, submitted, returned, accepted, reminders, overdue, escalations, meetingsOpened, meetingsOverdue);
    }

    /// <summary>The figures that are not zero, by name; empty when nothing happened.</summary>
    public IReadOnlyList<(string Name, int Count)> Figures =>
    [
        .. new[]
        {
            ("tasks opened", TasksOpened), ("submitted", Submitted), ("returned", Returned), ("accepted", Accepted),
            ("reminders", Reminders), ("overdue", Overdue), ("escalations", Escalations),
            ("meetings opened", MeetingsOpened), ("meetings overdue", MeetingsOverdue),
        }.Where(f => f.Item2 > 0),
    ];

    /// <summary>The month's progress line, or null for a month in which nothing happened.</summary>
    public string? Line() =>
        Figures.Count == 0 ? null : $"  {Month:yyyy-MM}  {string.Join(", ", Figures.Select(f => $"{f.Name} {f.Count}"))}";
}
