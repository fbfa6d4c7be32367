using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// The leadership's reports over many points: the dashboard (for a leader, a district or the city), the
/// compliance report (leaders without a point, points without a recent visit) and the year-end assessment.
/// </summary>
public sealed class LiaisonReports(NpgsqlDataSource db, CommunityWorkflowsOptions options, TimeProvider clock)
{
    sealed record LeaderRow(long Id, string Username, string DisplayName, string Code, string Name, string Kind, int Points);

    public async Task<LiaisonDashboard> DashboardAsync(LiaisonFilter filter, Caller caller, CancellationToken ct)
    {
        var (now, today, year) = When(filter);
        await using var connection = await db.OpenConnectionAsync(ct);
        var facts = await LiaisonStandings.LoadAsync(connection, filter with { Year = year }, caller, now, today, ct);
        var points = LiaisonQueries.Sorted(facts, today, options.Liaison);
        var totals = new DashboardTotals(points.Count, points.Select(p => p.Leader).Distinct().Count(),
            TargetProgress.Overall(points.Select(p => p.Progress)), points.Sum(p => p.OpenProblems), points.Sum(p => p.OverdueProblems),
            points.Sum(p => p.OverdueTargets), points.Count(p => p.VisitDue));
        return new LiaisonDashboard(year, today, options.Liaison.VisitDueAfterDays, totals, points);
    }

    /// <summary>
    /// Every City, District and Street leader the caller oversees (a district administrator's district, everyone
    /// for a system administrator, oneself for a leader) with their points that year; those without one; and the
    /// points not visited for longer than the configured days.
    /// </summary>
    public async Task<LiaisonComplianceReport> ComplianceAsync(LiaisonFilter filter, Caller caller, CancellationToken ct)
    {
        var (now, today, year) = When(filter);
        await using var connection = await db.OpenConnectionAsync(ct);
        var scope = await LiaisonStandings.ScopeAsync(connection, filter.ScopeCode, caller, ct);
        var parameters = LiaisonStandings.VisibleTo(caller);
        parameters.AddDynamicParams(new { year, scope });
        var rows = (await connection.QueryAsync<LeaderRow>(new CommandDefinition(
            """
            select u.id, u.username, u.display_name, o.code, o.name, o.kind,
                   (select count(*)::int from liaison_point lp where lp.leader_user_id = u.id and lp.year = @year) as points
            from user_role r join app_user u on u.id = r.user_id join org_unit o on o.id = r.org_unit_id
            where r.role = 'Leader' and o.kind in ('City', 'District', 'Street')
              and (@all or u.id = @userId or o.path like any(@administered))
              and (@scope::text is null or o.path like @scope)
            order by u.username, o.path
            """, parameters, cancellationToken: ct))).ToList();
        var leaders = rows.GroupBy(r => r.Id).Select(g =>
        {
            // a leader with roles at several tiers answers at the highest (LeaderLevels), named by that role's unit
            var level = LeaderLevels.Of(g.Select(r => Enum.Parse<OrgUnitKind>(r.Kind)))!.Value;
            var unit = g.First(r => LeaderLevels.Of(Enum.Parse<OrgUnitKind>(r.Kind)) == level);
            return (Duty: new LeaderOnDuty(g.Key, unit.Username, level, unit.Points),
                View: new LeaderComplianceView(unit.Username, unit.DisplayName, level, unit.Code, unit.Name, unit.Points));
        }).OrderBy(l => l.View.Level).ThenBy(l => l.View.OrgUnitCode, StringComparer.Ordinal).ThenBy(l => l.View.Username, StringComparer.Ordinal).ToList();
        var views = leaders.ToDictionary(l => l.Duty.UserId, l => l.View);
        var without = LiaisonCompliance.WithoutPoint(leaders.Select(l => l.Duty)).Select(l => views[l.UserId]).ToList();

        var facts = await LiaisonStandings.LoadAsync(connection, filter with { Year = year }, caller, now, today, ct);
        var unvisited = LiaisonQueries.Sorted(
            facts.Where(f => LiaisonCompliance.LacksRecentVisit(f.LastVisitOn, f.StartedOn, today, f.Year, options.Liaison)), today, options.Liaison)
            .OrderByDescending(p => p.DaysSinceLastVisit).ThenBy(p => p.Community, StringComparer.Ordinal).ToList();
        return new LiaisonComplianceReport(year, today, options.Liaison.VisitDueAfterDays, leaders.Select(l => l.View).ToList(), without, unvisited);
    }

    /// <summary>
    /// The year-end target-management assessment of every point in reach, best first (<see cref="TargetManagementAssessment"/>),
    /// as of the host's now: problems not yet due and the visits required so far are counted at that instant (China dates).
    /// </summary>
    public async Task<IReadOnlyList<LiaisonAssessmentView>> AssessmentAsync(LiaisonFilter filter, Caller caller, CancellationToken ct)
    {
        var (now, today, year) = When(filter);
        await using var connection = await db.OpenConnectionAsync(ct);
        var facts = await LiaisonStandings.LoadAsync(connection, filter with { Year = year }, caller, now, today, ct);
        var scored = facts.Select(f => (Facts: f, Assessment: f.Assessment(today, options.Liaison)))
            .Select(x => (x.Facts, x.Assessment, Score: TargetManagementAssessment.Score(x.Assessment, options.Liaison))).ToList();
        var ranks = Ranking.Of(scored.Select(x => ((decimal?)x.Score.Score, Vetoed: false)).ToList());
        return scored.Select((x, i) => x.Facts.Assessed(ranks[i]!.Value, x.Assessment, x.Score))
            .OrderBy(v => v.Rank).ThenBy(v => v.Community, StringComparer.Ordinal).ThenBy(v => v.Leader, StringComparer.Ordinal).ToList();
    }

    (DateTimeOffset Now, DateOnly Today, int Year) When(LiaisonFilter filter)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var year = filter.Year ?? today.Year;
        if (!Years.IsValid(year))
            throw new Domain.Errors.RuleViolationException("/year", Years.Problem);
        return (now, today, year);
    }
}
