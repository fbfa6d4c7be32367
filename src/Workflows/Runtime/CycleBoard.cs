using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// A cycle as its board shows it: participants × tasks, filtered and paged on the server (the total from the same
/// query), and its progress street by street. Only the participants in the caller's scope, of a cycle the caller
/// may see (404 otherwise), the same way <see cref="CycleQueries"/> reads them.
/// </summary>
public sealed class CycleBoard(NpgsqlDataSource db, CycleQueries cycles, CycleDefinitions definitions, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    sealed record RowData(long InstanceId, string OrgUnitCode, string Name, string StreetCode, string StreetName, string Status, int Total);

    sealed record CellData(long Id, long InstanceId, int Stage, string TaskKey, string Status, DateTimeOffset? DueAt);

    /// <summary>
    /// The participant that is a street is its own street; any other participant belongs to the unit above it
    /// (a community's or a seated unit's street).
    /// </summary>
    const string StreetOfParticipant = "join org_unit s on s.id = case when u.kind = 'Street' then u.id else u.parent_id end";

    public async Task<CycleBoardPage> PageAsync(long cycleId, BoardFilter filter, Caller caller, CancellationToken ct)
    {
        var status = ParseStatus(filter.Status);
        Paging.Check(filter.Limit, filter.Offset, MaxPageSize);
        await cycles.GetScopePathAsync(cycleId, caller, ct);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var definition = await definitions.GetAsync(connection, cycleId, ct);
        var scopeName = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "select u.name from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId", new { cycleId }, cancellationToken: ct));
        var rows = (await connection.QueryAsync<RowData>(new CommandDefinition(
            $"""
            select i.id as instance_id, u.code as org_unit_code, u.name, s.code as street_code, s.name as street_name, i.status,
                   (count(*) over ())::int as total
            from instance i
            join org_unit u on u.id = i.org_unit_id
            {StreetOfParticipant}
            where i.cycle_id = @cycleId
              and (@all or u.path like any(@scopes))
              and (@streetCode::text is null or s.code = @streetCode)
              and (@status::text is null or exists (select 1 from task t where t.instance_id = i.id and t.status = @status))
              and (@overdue::boolean is null or exists (
                    select 1 from task t where t.instance_id = i.id and t.status in ('Open', 'Returned') and t.due_at < @now) = @overdue)
            order by u.code
            limit @limit offset @offset
            """,
            new
            {
                cycleId, filter.StreetCode, status, filter.Overdue, now, filter.Limit, filter.Offset,
                all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
            }, cancellationToken: ct))).ToList();
        var cells = (await connection.QueryAsync<CellData>(new CommandDefinition(
            "select id, instance_id, stage, task_key, status, due_at from task where instance_id = any(@ids) order by stage, id",
            new { ids = rows.Select(r => r.InstanceId).ToArray() }, cancellationToken: ct))).ToLookup(c => c.InstanceId);
        var columns = definition.Stages
            .SelectMany((stage, i) => stage.Tasks.Select(task => new BoardColumn(i, stage.Key, stage.Name, task.Key, task.Title)))
            .ToList();
        var total = rows.Count > 0 ? rows[0].Total : filter.Offset == 0 ? 0 : await CountAsync(cycleId, filter with { Offset = 0, Limit = 1 }, caller, ct);
        return new CycleBoardPage(cycleId, definition.Name, scopeName, total, columns, rows.Select(r => new BoardRow(
            r.OrgUnitCode, r.Name, r.StreetCode, r.StreetName, r.Status,
            cells[r.InstanceId].Select(c => new BoardCell(c.Id, c.Stage, c.TaskKey, c.Status, c.DueAt,
                TaskStates.IsOverdue(Enum.Parse<TaskState>(c.Status), c.DueAt, now))).ToList())).ToList());
    }

    /// <summary>A page past the end has no row to carry the total: the first page of the same filter does.</summary>
    async Task<int> CountAsync(long cycleId, BoardFilter filter, Caller caller, CancellationToken ct) =>
        (await PageAsync(cycleId, filter, caller, ct)).Total;

    /// <summary>The cycle's progress street by street, in code order; each street's participants as far as the caller's scope reaches.</summary>
    public async Task<IReadOnlyList<StreetProgress>> StreetsAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await cycles.GetScopePathAsync(cycleId, caller, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        var streets = await connection.QueryAsync<StreetProgress>(new CommandDefinition(
            $"""
            select s.code, s.name, count(distinct i.id)::int as participants,
                   count(t.id) filter (where t.status <> 'Cancelled')::int as tasks,
                   count(t.id) filter (where t.status = 'Accepted')::int as accepted,
                   count(t.id) filter (where t.status = 'Submitted')::int as submitted,
                   count(t.id) filter (where t.status = 'Returned')::int as returned,
                   count(t.id) filter (where t.status = 'Open')::int as open,
                   count(t.id) filter (where t.status in ('Open', 'Returned') and t.due_at < @now)::int as overdue,
                   min(t.due_at) filter (where t.status in ('Open', 'Returned')) as next_due_at
            from instance i
            join org_unit u on u.id = i.org_unit_id
            {StreetOfParticipant}
            left join task t on t.instance_id = i.id
            where i.cycle_id = @cycleId and (@all or u.path like any(@scopes))
            group by s.code, s.name
            order by s.code
            """,
            new { cycleId, now = clock.GetUtcNow(), all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray() },
            cancellationToken: ct));
        return streets.ToList();
    }

    static string? ParseStatus(string? status) =>
        status is null ? null
        : EnumText.TryParse<TaskState>(status, out var state) ? state.ToString()
        : throw new RuleViolationException("/status", Say.Text($"Unknown status '{status}'; expected one of {EnumText.Expected<TaskState>()}.", $"未知状态“{status}”，应为以下之一：{EnumText.Expected<TaskState>()}。"));
}
