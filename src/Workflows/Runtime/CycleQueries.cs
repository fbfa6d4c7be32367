using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Reading cycles. A cycle is visible to whoever sees its scope, and to whoever works inside it (a street
/// officer in a district's cycle); its participants are listed as far as the caller's scope reaches, each with
/// its assessment total and grade once its score sheet is complete.
/// </summary>
public sealed class CycleQueries(NpgsqlDataSource db, IParticipantOutcomes assessment, TimeProvider clock)
{
    sealed record CycleRow(
        long Id, string TemplateKey, int TemplateVersion, int Year, string ScopeCode, string ScopePath, string Status, int ParticipantCount,
        DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt);

    const string SelectCycles = """
        select c.id, c.template_key, c.template_version, c.year, u.code as scope_code, u.path as scope_path, c.status, c.participant_count,
               c.created_at, c.completed_at, c.cancelled_at
        from cycle c join org_unit u on u.id = c.scope_unit_id
        """;

    /// <summary>Whether the caller sees the cycle: its scope is theirs, or they work inside it.</summary>
    public static bool CanSee(Caller caller, string scopePath) =>
        caller.CanSee(scopePath) || caller.Grants.Any(g => g.ScopePath is not null && g.ScopePath.StartsWith(scopePath, StringComparison.Ordinal));

    public async Task<CycleView> GetAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var cycle = await connection.QuerySingleOrDefaultAsync<CycleRow>(new CommandDefinition(SelectCycles + " where c.id = @cycleId", new { cycleId }, cancellationToken: ct));
        if (cycle is null || !CanSee(caller, cycle.ScopePath))
            throw new NotFoundException(Say.Text($"Cycle {cycleId} was not found.", $"未找到考核周期 {cycleId}。"));
        var stages = await connection.QueryAsync<StageView>(new CommandDefinition(
            """
            select s.key, s.name, s.opens_at, s.due_at,
                   count(t.id) filter (where t.status in ('Open', 'Returned'))::int as open,
                   count(t.id) filter (where t.status = 'Submitted')::int as submitted,
                   count(t.id) filter (where t.status = 'Accepted')::int as accepted,
                   count(t.id) filter (where t.status in ('Open', 'Returned') and t.due_at < @now)::int as overdue
            from cycle_stage s left join task t on t.cycle_id = s.cycle_id and t.stage = s.ordinal
            where s.cycle_id = @cycleId
            group by s.ordinal, s.key, s.name, s.opens_at, s.due_at
            order by s.ordinal
            """, new { cycleId, now = clock.GetUtcNow() }, cancellationToken: ct));
        return ToView(cycle, stages.ToList());
    }

    public async Task<IReadOnlyList<CycleView>> ListAsync(int? year, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var cycles = await connection.QueryAsync<CycleRow>(new CommandDefinition(
            SelectCycles + " where (@year::int is null or c.year = @year) order by c.year desc, c.id desc", new { year }, cancellationToken: ct));
        return cycles.Where(c => CanSee(caller, c.ScopePath)).Select(c => ToView(c, [])).ToList();
    }

    sealed record ParticipantRow(string OrgUnitCode, string Name, string Stage, string Status, int TasksDone, int TasksTotal, bool Overdue);

    public async Task<IReadOnlyList<ParticipantView>> ParticipantsAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await GetScopePathAsync(cycleId, caller, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ParticipantRow>(new CommandDefinition(
            """
            select u.code as org_unit_code, u.name, s.key as stage, i.status,
                   count(t.id) filter (where t.status = 'Accepted')::int as tasks_done,
                   count(t.id)::int as tasks_total,
                   coalesce(bool_or(t.status in ('Open', 'Returned') and t.due_at < @now), false) as overdue
            from instance i
            join org_unit u on u.id = i.org_unit_id
            join cycle_stage s on s.cycle_id = i.cycle_id and s.ordinal = least(i.stage, (select max(ordinal) from cycle_stage where cycle_id = i.cycle_id))
            left join task t on t.instance_id = i.id
            where i.cycle_id = @cycleId and (@all or u.path like any(@scopes))
            group by u.code, u.name, s.key, i.status
            order by u.code
            """,
            new { cycleId, now = clock.GetUtcNow(), all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray() },
            cancellationToken: ct));
        var outcomes = await assessment.OutcomesAsync(cycleId, caller, ct);
        return rows.Select(r =>
        {
            var outcome = outcomes.GetValueOrDefault(r.OrgUnitCode);
            return new ParticipantView(r.OrgUnitCode, r.Name, r.Stage, r.Status, r.TasksDone, r.TasksTotal, r.Overdue, outcome?.Total, outcome?.Grade?.ToString());
        }).ToList();
    }

    /// <summary>The cycle's scope path, after checking the caller may see the cycle (404 otherwise).</summary>
    public async Task<string> GetScopePathAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var path = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select u.path from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId", new { cycleId }, cancellationToken: ct));
        if (path is null || !CanSee(caller, path))
            throw new NotFoundException(Say.Text($"Cycle {cycleId} was not found.", $"未找到考核周期 {cycleId}。"));
        return path;
    }

    /// <summary>
    /// For what shows every participant at once (the journal): the caller's scope must cover the cycle's whole
    /// scope, not just a part of it (404 otherwise, like any cycle the caller cannot see).
    /// </summary>
    public async Task EnsureWholeCycleAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        if (!caller.CanSee(await GetScopePathAsync(cycleId, caller, ct)))
            throw new NotFoundException(Say.Text($"The journal of cycle {cycleId} was not found.", $"未找到考核周期 {cycleId} 的日志。"));
    }

    static CycleView ToView(CycleRow c, IReadOnlyList<StageView> stages) =>
        new(c.Id, c.TemplateKey, c.TemplateVersion, c.Year, c.ScopeCode, c.Status, c.ParticipantCount, c.CreatedAt, c.CompletedAt, c.CancelledAt, stages);
}
