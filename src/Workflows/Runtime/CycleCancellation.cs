using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Stops a running cycle: every timer stops, open work is cancelled, accepted work stays as it was.</summary>
public sealed class CycleCancellation(NpgsqlDataSource db, EventJournal journal, CycleQueries queries, TimeProvider clock)
{
    public async Task<CycleView> CancelAsync(long cycleId, string? reason, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var c = await connection.QuerySingleOrDefaultAsync<CycleRow>(new CommandDefinition(
            "select c.status, u.path from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId for update of c",
            new { cycleId }, tx, cancellationToken: ct));
        if (c is null || !CycleQueries.CanSee(caller, c.Path))
            throw new NotFoundException($"Cycle {cycleId} was not found.");
        if (!caller.Holds(c.Path, Role.DistrictAdmin))
            throw new ForbiddenException("Only a system administrator or a district administrator over the cycle's scope may cancel it.");
        if (c.Status != "Running")
            throw new ConflictException($"Cycle {cycleId} is {c.Status}; only a running cycle can be cancelled.");

        var now = clock.GetUtcNow();
        var counts = await connection.QuerySingleAsync<(int Timers, int Tasks, int Instances)>(new CommandDefinition(
            """
            with timers as (
                update timer set fired_at = @now, outcome = 'Cancelled' where cycle_id = @cycleId and fired_at is null returning 1
            ), tasks as (
                update task set status = 'Cancelled', updated_at = @now where cycle_id = @cycleId and status <> 'Accepted' returning 1
            ), instances as (
                update instance set status = 'Cancelled' where cycle_id = @cycleId and status = 'Running' returning 1
            ), cycle_row as (
                update cycle set status = 'Cancelled', cancelled_at = @now where id = @cycleId returning 1
            )
            select (select count(*) from timers)::int, (select count(*) from tasks)::int, (select count(*) from instances)::int
            """, new { cycleId, now }, tx, cancellationToken: ct));
        await journal.AppendAsync(tx, now, caller.Username,
            [new JournalDraft(JournalStreams.Cycle(cycleId), "CycleCancelled", null, new { reason, timersStopped = counts.Timers, tasksCancelled = counts.Tasks, instancesCancelled = counts.Instances })], ct);
        await tx.CommitAsync(ct);
        return await queries.GetAsync(cycleId, caller, ct);
    }

    sealed record CycleRow(string Status, string Path);
}
