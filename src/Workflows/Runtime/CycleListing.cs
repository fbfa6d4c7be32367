using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// The cycles a person sees, a page at a time, newest first, each with its progress; and the counts of tasks in the
/// running cycles of their scope. Visibility is <see cref="CycleQueries.CanSee"/>'s: a cycle whose scope is theirs or
/// beneath it, or one they work inside (its scope is above theirs).
/// </summary>
public sealed class CycleListing(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    sealed record ItemRow(
        long Id, string TemplateKey, int TemplateVersion, string TemplateName, int Year, string ScopeCode, string ScopeName, string Status,
        int ParticipantCount, DateTimeOffset CreatedAt, int Tasks, int Accepted, int Total);

    /// <summary>Cycles in <paramref name="status"/> (any when null), newest year first.</summary>
    public async Task<CycleListPage> PageAsync(string? status, int limit, int offset, Caller caller, CancellationToken ct)
    {
        if (status is not null and not ("Running" or "Completed" or "Cancelled"))
            throw new RuleViolationException("/status", Say.Text($"Unknown status '{status}'; expected Running, Completed or Cancelled.", $"未知状态“{status}”，应为 Running、Completed 或 Cancelled。"));
        Paging.Check(limit, offset, MaxPageSize);
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<ItemRow>(new CommandDefinition(
            """
            select c.id, c.template_key, c.template_version, coalesce(c.definition->>'name', c.template_key) as template_name, c.year,
                   u.code as scope_code, u.name as scope_name, c.status, c.participant_count, c.created_at,
                   (select count(*) from task t where t.cycle_id = c.id and t.status <> 'Cancelled')::int as tasks,
                   (select count(*) from task t where t.cycle_id = c.id and t.status = 'Accepted')::int as accepted,
                   (count(*) over ())::int as total
            from cycle c join org_unit u on u.id = c.scope_unit_id
            where (@status::text is null or c.status = @status)
              and (@all or u.path like any(@scopes) or u.path = any(@above))
            order by c.year desc, c.id desc
            limit @limit offset @offset
            """,
            new { status, limit, offset, all = caller.IsSystemAdmin, scopes = Scopes(caller), above = Above(caller) }, cancellationToken: ct))).ToList();
        var total = rows.Count > 0 ? rows[0].Total : offset == 0 ? 0 : (await PageAsync(status, 1, 0, caller, ct)).Total;
        return new CycleListPage(total, rows.Select(r => new CycleListItem(
            r.Id, r.TemplateKey, r.TemplateVersion, r.TemplateName, r.Year, r.ScopeCode, r.ScopeName, r.Status, r.ParticipantCount, r.CreatedAt,
            r.Tasks, r.Accepted)).ToList());
    }

    /// <summary>
    /// Tasks of running cycles at units in the caller's scope (those of <paramref name="cycleId"/> only, when given),
    /// by state, and the open or returned one due first.
    /// </summary>
    public async Task<TaskCountsView> CountTasksAsync(long? cycleId, Caller caller, CancellationToken ct)
    {
        var arguments = new { cycleId, now = clock.GetUtcNow(), all = caller.IsSystemAdmin, scopes = Scopes(caller) };
        const string InScope = """
            from task t
            join org_unit u on u.id = t.org_unit_id
            join cycle c on c.id = t.cycle_id
            where c.status = 'Running' and (@cycleId::bigint is null or t.cycle_id = @cycleId) and (@all or u.path like any(@scopes))
            """;
        await using var connection = await db.OpenConnectionAsync(ct);
        var counts = await connection.QuerySingleAsync<(int Open, int Submitted, int Returned, int Accepted, int Overdue)>(new CommandDefinition(
            """
            select count(*) filter (where t.status = 'Open')::int, count(*) filter (where t.status = 'Submitted')::int,
                   count(*) filter (where t.status = 'Returned')::int, count(*) filter (where t.status = 'Accepted')::int,
                   count(*) filter (where t.status in ('Open', 'Returned') and t.due_at < @now)::int
            """ + "\n" + InScope, arguments, cancellationToken: ct));
        var next = await connection.QueryFirstOrDefaultAsync<NextDueTask>(new CommandDefinition(
            "select t.id, t.cycle_id, u.name as org_unit_name, t.title, t.status, t.due_at\n" + InScope +
            " and t.status in ('Open', 'Returned') and t.due_at is not null order by t.due_at, t.id limit 1", arguments, cancellationToken: ct));
        return new TaskCountsView(counts.Open, counts.Submitted, counts.Returned, counts.Accepted, counts.Overdue, next);
    }

    static string[] Scopes(Caller caller) => caller.VisiblePaths().Select(Like.Prefix).ToArray();

    /// <summary>Every unit path above or at the caller's grants ('/C/D/S/' → '/C/', '/C/D/', '/C/D/S/'): cycles there are ones they work inside.</summary>
    static string[] Above(Caller caller) =>
        caller.Grants.Where(g => g.ScopePath is not null)
            .SelectMany(g => Enumerable.Range(1, g.ScopePath!.Length - 1).Where(i => g.ScopePath[i] == '/').Select(i => g.ScopePath[..(i + 1)]))
            .Distinct().ToArray();
}
