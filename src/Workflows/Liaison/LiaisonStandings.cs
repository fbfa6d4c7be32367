using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>Reads the facts of every point a filter names and the caller may see, in one set-based query.</summary>
static class LiaisonStandings
{
    /// <summary>The points the caller sees: as their leader or a work-group member, as a district administrator over the community, or as a system administrator.</summary>
    public const string Visible = """
        (@all or p.leader_user_id = @userId or c.path like any(@administered)
         or exists (select 1 from liaison_work_group_member m where m.point_id = p.id and m.user_id = @userId))
        """;

    public static DynamicParameters VisibleTo(Caller caller)
    {
        var parameters = new DynamicParameters();
        parameters.AddDynamicParams(new
        {
            all = caller.IsSystemAdmin, userId = caller.UserId,
            administered = LiaisonAccess.AdministeredPaths(caller).Select(Like.Prefix).ToArray(),
        });
        return parameters;
    }

    /// <summary>The subtree a report is limited to, as a LIKE pattern; a unit unknown or outside the caller's scope → 404.</summary>
    public static Task<string?> ScopeAsync(NpgsqlConnection connection, string? scopeCode, Caller caller, CancellationToken ct) =>
        Organisation.OrgScope.PrefixAsync(connection, null, scopeCode, caller, ct);

    public static async Task<IReadOnlyList<PointFacts>> LoadAsync(NpgsqlConnection connection, LiaisonFilter filter, Caller caller, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        // every list and report of points reads here, so none answers 200 for a year the others refuse
        if (filter.Year is { } year && !Years.IsValid(year))
            throw new RuleViolationException("/year", Years.Problem);
        var parameters = VisibleTo(caller);
        parameters.AddDynamicParams(new
        {
            filter.Year, now, today, scope = await ScopeAsync(connection, filter.ScopeCode, caller, ct),
            leader = string.IsNullOrWhiteSpace(filter.Leader) ? null : AccountRules.NormaliseUsername(filter.Leader),
        });
        var rows = await connection.QueryAsync<PointFacts>(new CommandDefinition(
            $"""
            select p.id, p.year, p.started_on, p.leader_user_id, lu.username as leader, lu.display_name as leader_display_name,
                   (select string_agg(distinct o.kind, ',') from user_role r join org_unit o on o.id = r.org_unit_id
                    where r.user_id = p.leader_user_id and r.role = 'Leader') as leader_unit_kinds,
                   c.code as community, c.name as community_name, b.code as backing_unit, b.name as backing_unit_name,
                   t.total as targets_total, t.progress_sum, t.met as targets_met, t.overdue as overdue_targets,
                   v.visits, v.last_visit_on,
                   q.found as problems_found, q.open as open_problems, q.overdue as overdue_problems, q.on_time as resolved_on_time, q.late as resolved_late,
                   (select count(*)::int from liaison_work_group_member m where m.point_id = p.id and m.from_backing_unit) as backing_members,
                   q.backing_owned, q.backing_resolved
            from liaison_point p
            join app_user lu on lu.id = p.leader_user_id
            join org_unit c on c.id = p.community_id
            join org_unit b on b.id = p.backing_unit_id
            cross join lateral (
                select count(*)::int as total, coalesce(sum(x.progress), 0)::bigint as progress_sum, count(*) filter (where x.progress >= 100)::int as met,
                       count(*) filter (where x.progress < 100 and x.due_on < @today)::int as overdue
                from liaison_target x where x.point_id = p.id) t
            cross join lateral (
                select count(*)::int as visits, max(y.visited_on) as last_visit_on from liaison_visit y where y.point_id = p.id) v
            cross join lateral (
                select count(*)::int as found,
                       count(*) filter (where z.status = 'Open')::int as open,
                       count(*) filter (where z.status = 'Open' and z.due_at < @now)::int as overdue,
                       count(*) filter (where z.status = 'Resolved' and z.resolved_at <= z.due_at)::int as on_time,
                       count(*) filter (where z.status = 'Resolved' and z.resolved_at > z.due_at)::int as late,
                       count(*) filter (where z.owner_unit_id = p.backing_unit_id)::int as backing_owned,
                       count(*) filter (where z.owner_unit_id = p.backing_unit_id and z.status = 'Resolved')::int as backing_resolved
                from liaison_problem z where z.point_id = p.id) q
            where (@year::int is null or p.year = @year)
              and (@leader::text is null or lu.username = @leader)
              and (@scope::text is null or c.path like @scope)
              and {Visible}
            """, parameters, cancellationToken: ct));
        return rows.ToList();
    }
}
