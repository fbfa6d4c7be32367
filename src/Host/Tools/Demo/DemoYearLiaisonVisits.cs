using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Workflows.Liaison;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// The leaders' visits to their liaison points, one a quarter, each finding a problem owned by the community and due
/// forty days later. Every other point (from the second on) solves its problems in time; the rest, 市委副书记 周明's among them, leave them open, so that older ones are
/// overdue (and escalated to the leader) while the latest visit's is still open. 西山区's secretary visited once in
/// February and not since: the dashboard says a visit is due.
/// </summary>
static class DemoYearLiaisonVisits
{
    const string RareVisitor = "xs.secretary";
    static readonly (int Month, int Day)[] Visits = [(2, 24), (5, 19), (8, 18), (11, 17)];

    static readonly string[] Problems =
    [
        "党群服务中心活动场地不足，老年党员活动不便",
        "在职党员报到后参与社区服务较少",
        "居民议事会议事规则不健全",
        "困难党员帮扶台账需进一步完善",
    ];

    public static IEnumerable<DemoMoment> Plan(DemoYearContext c)
    {
        var leaders = DemoYearContext.Streets.Select(s => $"{s.Prefix}.secretary")
            .Prepend("xs.secretary").Prepend("dh.secretary").Prepend("city.leader2").Prepend("city.leader1")
            .Where(l => l != DemoLiaisonPoints.LeaderWithoutPoint).Distinct().ToList();
        for (var i = 0; i < leaders.Count; i++)
        {
            var (leader, solves) = (leaders[i], i % 2 == 1);
            for (var v = 0; v < Visits.Length; v++)
            {
                if (leader == RareVisitor && v > 0) break;
                var visitedOn = new DateOnly(c.Year, Visits[v].Month, Visits[v].Day).AddDays(i % 3);
                var problem = Problems[(v + i) % Problems.Length];
                yield return new(ChinaTime.At(visitedOn, 16), ct => VisitAsync(c, leader, visitedOn, problem, ct));
                if (solves)
                    yield return new(ChinaTime.At(visitedOn.AddDays(30), 11), ct => SolveAsync(c, leader, problem, ct));
            }
        }
    }

    static async Task<LiaisonPointDetail?> PointAsync(DemoYearContext c, string leader, CancellationToken ct)
    {
        var queries = c.Get<LiaisonQueries>();
        var point = (await queries.ListAsync(new LiaisonFilter(c.Year, leader, null), c.Admin, ct)).FirstOrDefault();
        return point is null ? null : await queries.GetAsync(point.Id, c.Admin, ct);
    }

    static async Task VisitAsync(DemoYearContext c, string leader, DateOnly visitedOn, string problem, CancellationToken ct)
    {
        if (await PointAsync(c, leader, ct) is not { } point || point.Visits.Any(v => v.VisitedOn == visitedOn) || visitedOn < point.StartedOn) return;
        await c.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(visitedOn.ToString("yyyy-MM-dd"),
            $"到{point.CommunityName}调研党建工作，听取社区党组织汇报，走访党员群众。",
            [new ProblemInput(problem, visitedOn.AddDays(40).ToString("yyyy-MM-dd"))]), c.As(leader), ct);
    }

    static async Task SolveAsync(DemoYearContext c, string leader, string problem, CancellationToken ct)
    {
        if (await PointAsync(c, leader, ct) is not { } point) return;
        foreach (var open in point.Problems.Where(p => p.Description == problem && p.Status == ProblemStatus.Open))
            await c.Get<LiaisonVisits>().SetStatusAsync(point.Id, open.Id, new ProblemStatusInput("Resolved", "已协调解决，经回访群众满意。"), c.As(leader), ct);
    }
}
