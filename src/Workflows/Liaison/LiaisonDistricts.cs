using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>One district's points at a glance: how many, their overall progress, open and overdue problems, and those due a visit.</summary>
public sealed record DistrictProgressView(
    string DistrictCode, string DistrictName, int Points, int Progress, int OpenProblems, int OverdueProblems, int PointsDueAVisit);

/// <summary>The points the caller sees, summed up by the district of their community (the leadership's chart).</summary>
public sealed class LiaisonDistricts(NpgsqlDataSource db, CommunityWorkflowsOptions options, TimeProvider clock)
{
    sealed record CommunityDistrict(string Community, string DistrictCode, string DistrictName);

    /// <summary>Every district with a point in the filter and the caller's reach, in district-code order.</summary>
    public async Task<IReadOnlyList<DistrictProgressView>> ProgressAsync(LiaisonFilter filter, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        await using var connection = await db.OpenConnectionAsync(ct);
        var year = filter.Year ?? today.Year;
        var facts = await LiaisonStandings.LoadAsync(connection, filter with { Year = year }, caller, now, today, ct);
        var districts = (await connection.QueryAsync<CommunityDistrict>(new CommandDefinition(
            """
            select c.code as community, d.code as district_code, d.name as district_name
            from org_unit c join org_unit d on d.id = c.district_id where c.code = any(@codes)
            """, new { codes = facts.Select(f => f.Community).Distinct().ToArray() }, cancellationToken: ct))).ToDictionary(c => c.Community);
        return facts.Where(f => districts.ContainsKey(f.Community))
            .GroupBy(f => districts[f.Community].DistrictCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var standings = g.Select(f => f.Standing(today, options.Liaison)).ToList();
                return new DistrictProgressView(g.Key, districts[g.First().Community].DistrictName, standings.Count,
                    TargetProgress.Overall(standings.Select(s => s.Progress)), standings.Sum(s => s.OpenProblems),
                    standings.Sum(s => s.OverdueProblems), standings.Count(s => s.VisitDue));
            }).ToList();
    }
}
