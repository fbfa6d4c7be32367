using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>A task in a person's list: what it is, whose, which cycle, where it stands.</summary>
public sealed record TaskListItem(
    long Id, long CycleId, string CycleName, int Year, string OrgUnitCode, string OrgUnitName, string Stage, string Title,
    TaskState Status, DateTimeOffset? DueAt, bool Overdue);

/// <summary>A cycle as headings name it: its template's name, its year, and its stages' names by key.</summary>
public sealed record CycleHeading(string Name, int Year, IReadOnlyDictionary<string, string> StageNames);

/// <summary>One page of a task list and how many tasks the filter matches in all (from the same query).</summary>
public sealed record TaskPage(IReadOnlyList<TaskListItem> Items, int Total);

/// <summary>
/// Filters of a task page. <see cref="SubmittedFirst"/> puts tasks awaiting review at the top (a reviewer's queue);
/// otherwise returned and overdue tasks lead, then open ones, each soonest due first.
/// </summary>
public sealed record TaskPageFilter(string? Status, bool? Overdue, bool SubmittedFirst, int Limit, int Offset);

/// <summary>A person's tasks a page at a time, filtered and counted on the server in one query.</summary>
public sealed class TaskPages(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    sealed record Row(long? Id, long? CycleId, string? CycleName, int? Year, string? OrgUnitCode, string? OrgUnitName, string? Stage, string? Title,
        string? Status, DateTimeOffset? DueAt, int Total);

    public async Task<TaskPage> PageAsync(TaskPageFilter filter, Caller caller, CancellationToken ct)
    {
        var status = TaskQueries.StatusFilter(filter.Status);
        Paging.Check(filter.Limit, filter.Offset, MaxPageSize);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        // the scope narrows org units by path (org_unit_path), their tasks come by task_org_unit_status; the count and
        // the page come from the same matched set, and a page past the end still carries the total (one row of nulls)
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            with matched as (
                select t.id, t.cycle_id, t.org_unit_id, t.stage, t.title, t.status, t.due_at,
                       (t.status in ('Open', 'Returned') and t.due_at < @now) as late
                from task t join org_unit u on u.id = t.org_unit_id
                where (@status::text is null and t.status not in ('Pending', 'Cancelled') or t.status = @status)
                  and (@overdue::boolean is null or (t.status in ('Open', 'Returned') and t.due_at < @now) = @overdue)
                  and (@all or u.path like any(@scopes))
            )
            select p.*, n.total
            from (select count(*)::int as total from matched) n
            left join lateral (
                select m.id, m.cycle_id, coalesce(c.definition->>'name', c.template_key) as cycle_name, c.year,
                       u.code as org_unit_code, u.name as org_unit_name, s.key as stage, m.title, m.status, m.due_at
                from matched m
                join org_unit u on u.id = m.org_unit_id
                join cycle c on c.id = m.cycle_id
                join cycle_stage s on s.cycle_id = m.cycle_id and s.ordinal = m.stage
                order by (@submittedFirst and m.status = 'Submitted') desc, m.late desc,
                         case m.status when 'Returned' then 0 when 'Open' then 1 when 'Submitted' then 2 when 'Accepted' then 3 else 4 end,
                         m.due_at nulls last, m.id
                limit @limit offset @offset
            ) p on true
            """,
            new
            {
                status, filter.Overdue, filter.SubmittedFirst, now, filter.Limit, filter.Offset,
                all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
            }, cancellationToken: ct))).ToList();
        return new TaskPage(rows.Where(r => r.Id is not null).Select(r =>
        {
            var state = Enum.Parse<TaskState>(r.Status!);
            return new TaskListItem(r.Id!.Value, r.CycleId!.Value, r.CycleName!, r.Year!.Value, r.OrgUnitCode!, r.OrgUnitName!, r.Stage!, r.Title!, state, r.DueAt,
                TaskStates.IsOverdue(state, r.DueAt, now));
        }).ToList(), rows.Count > 0 ? rows[0].Total : 0);
    }

    /// <summary>What a cycle is called (its template's name, year and stage names) for headings; 404 unless the caller sees it.</summary>
    public async Task<CycleHeading> CycleHeadingAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, int Year, string Stages, string Path)?>(new CommandDefinition(
            """
            select coalesce(c.definition->>'name', c.template_key), c.year, coalesce(c.definition->'stages', '[]'::jsonb)::text, u.path
            from cycle c join org_unit u on u.id = c.scope_unit_id where c.id = @cycleId
            """, new { cycleId }, cancellationToken: ct));
        if (row is not { } cycle || !CycleQueries.CanSee(caller, cycle.Path))
            throw new NotFoundException(Say.Text($"Cycle {cycleId} was not found.", $"未找到考核周期 {cycleId}。"));
        using var stages = JsonDocument.Parse(cycle.Stages);
        var names = stages.RootElement.EnumerateArray()
            .Where(s => s.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String && s.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);
        return new CycleHeading(cycle.Name, cycle.Year, names);
    }
}
