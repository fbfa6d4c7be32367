using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Workflows.Commands;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>Reading liaison points within the caller's reach (<see cref="LiaisonAccess"/>): one in full, or many at a glance in attention order.</summary>
public sealed class LiaisonQueries(NpgsqlDataSource db, CommandRunner commands, CommunityWorkflowsOptions options, TimeProvider clock)
{
    sealed record PointRow(
        long Id, int Year, string Leader, string LeaderDisplayName, string? LeaderUnitKinds, string Community, string CommunityName,
        string BackingUnit, string BackingUnitName, DateOnly StartedOn, DateTimeOffset CreatedAt, string CreatedBy);

    sealed record TargetRow(long Id, string Code, string Title, DateOnly DueOn, int Progress);

    sealed record ProgressRow(long TargetId, int Progress, string? Note, DateTimeOffset RecordedAt, string RecordedBy);

    sealed record ProblemRow(
        long Id, long VisitId, string Description, string OwnerUnitCode, string OwnerUnitName, DateOnly DueOn, DateTimeOffset DueAt, string Status,
        DateTimeOffset? EscalatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionNote);

    public async Task<LiaisonPointDetail> GetAsync(long pointId, Caller caller, CancellationToken ct)
    {
        var (p, members, targets, history, visits, problems) = await commands.ReadAsync(async tx =>
        {
            var connection = tx.Connection!;
            await LiaisonPointContext.ReadAsync(connection, pointId, caller, ct);
            var p = await connection.QuerySingleAsync<PointRow>(new CommandDefinition(
                """
                select p.id, p.year, lu.username as leader, lu.display_name as leader_display_name,
                       (select string_agg(distinct o.kind, ',') from user_role r join org_unit o on o.id = r.org_unit_id
                        where r.user_id = p.leader_user_id and r.role = 'Leader') as leader_unit_kinds,
                       c.code as community, c.name as community_name, b.code as backing_unit, b.name as backing_unit_name,
                       p.started_on, p.created_at, p.created_by
                from liaison_point p join app_user lu on lu.id = p.leader_user_id
                join org_unit c on c.id = p.community_id join org_unit b on b.id = p.backing_unit_id
                where p.id = @pointId
                """, new { pointId }, tx, cancellationToken: ct));
            var members = await connection.QueryAsync<WorkGroupMemberView>(new CommandDefinition(
                """
                select m.name, m.role, u.username, m.from_backing_unit from liaison_work_group_member m left join app_user u on u.id = m.user_id
                where m.point_id = @pointId order by m.ordinal
                """, new { pointId }, tx, cancellationToken: ct));
            var targets = (await connection.QueryAsync<TargetRow>(new CommandDefinition(
                "select id, code, title, due_on, progress from liaison_target where point_id = @pointId order by due_on, code", new { pointId }, tx, cancellationToken: ct))).ToList();
            var history = (await connection.QueryAsync<ProgressRow>(new CommandDefinition(
                """
                select h.target_id, h.progress, h.note, h.recorded_at, h.recorded_by from liaison_target_progress h
                join liaison_target t on t.id = h.target_id where t.point_id = @pointId order by h.id
                """, new { pointId }, tx, cancellationToken: ct))).ToLookup(h => h.TargetId);
            var visits = (await connection.QueryAsync<(long Id, DateOnly VisitedOn, string Summary, string RecordedBy, DateTimeOffset RecordedAt)>(new CommandDefinition(
                "select id, visited_on, summary, recorded_by, recorded_at from liaison_visit where point_id = @pointId order by visited_on, id", new { pointId }, tx, cancellationToken: ct))).ToList();
            var problems = (await connection.QueryAsync<ProblemRow>(new CommandDefinition(
                """
                select q.id, q.visit_id, q.description, o.code as owner_unit_code, o.name as owner_unit_name, q.due_on, q.due_at, q.status,
                       q.escalated_at, q.resolved_at, q.resolved_by, q.resolution_note
                from liaison_problem q join org_unit o on o.id = q.owner_unit_id where q.point_id = @pointId order by q.id
                """, new { pointId }, tx, cancellationToken: ct))).ToList();
            return (p, members, targets, history, visits, problems);
        }, ct);

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var problemViews = problems.Select(q => new ProblemView(q.Id, q.VisitId, q.Description, q.OwnerUnitCode, q.OwnerUnitName, q.DueOn, q.DueAt,
            Enum.Parse<ProblemStatus>(q.Status), q.Status == nameof(ProblemStatus.Open) && q.DueAt < now, q.EscalatedAt is not null,
            q.ResolvedAt, q.ResolvedBy, q.ResolutionNote)).ToList();
        var targetViews = targets.Select(t => new TargetView(t.Code, t.Title, t.DueOn, t.Progress, TargetProgress.IsMet(t.Progress),
            TargetProgress.IsOverdue(t.DueOn, t.Progress, today),
            history[t.Id].Select(h => new ProgressEntryView(h.Progress, h.Note, h.RecordedAt, h.RecordedBy)).ToList())).ToList();
        var lastVisitOn = visits.Count == 0 ? (DateOnly?)null : visits.Max(v => v.VisitedOn);
        var days = VisitClock.DaysWithoutVisit(lastVisitOn, p.StartedOn, today, p.Year);
        return new LiaisonPointDetail(p.Id, p.Year, p.Leader, p.LeaderDisplayName, LeaderLevels.Of(p.LeaderUnitKinds),
            p.Community, p.CommunityName, p.BackingUnit, p.BackingUnitName, p.StartedOn, p.CreatedAt, p.CreatedBy,
            TargetProgress.Overall(targets.Select(t => t.Progress)), targetViews.Count(t => t.Overdue),
            problemViews.Count(q => q.Status == ProblemStatus.Open), problemViews.Count(q => q.Overdue),
            lastVisitOn, days, VisitClock.IsVisitDue(days, options.Liaison.VisitDueAfterDays),
            members.ToList(), targetViews,
            visits.Select(v => new VisitView(v.Id, v.VisitedOn, v.Summary, v.RecordedBy, v.RecordedAt,
                problemViews.Where(q => q.VisitId == v.Id).Select(q => q.Id).ToList())).ToList(),
            problemViews);
    }

    /// <summary>Answers 404 unless the caller sees the point.</summary>
    public async Task EnsureVisibleAsync(long pointId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await LiaisonPointContext.ReadAsync(connection, pointId, caller, ct);
    }

    /// <summary>The points the filter names, as far as the caller reaches, what needs attention first.</summary>
    public async Task<IReadOnlyList<LiaisonPointSummary>> ListAsync(LiaisonFilter filter, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        await using var connection = await db.OpenConnectionAsync(ct);
        var facts = await LiaisonStandings.LoadAsync(connection, filter, caller, now, today, ct);
        return Sorted(facts, today, options.Liaison);
    }

    internal static IReadOnlyList<LiaisonPointSummary> Sorted(IEnumerable<PointFacts> facts, DateOnly today, LiaisonPolicy policy) =>
        Attention.Sort(facts.Select(f => (Facts: f, Standing: f.Standing(today, policy))), x => x.Standing, x => $"{x.Facts.Community}/{x.Facts.Leader}")
            .Select(x => x.Facts.Summary(today, policy)).ToList();
}
