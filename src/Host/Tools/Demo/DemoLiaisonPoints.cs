using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Workflows.Liaison;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// The demo city's liaison points for the year it is loaded in: every demo leader runs one, each backed by a
/// unit seated in its street — except <see cref="LeaderWithoutPoint"/>, left without one on purpose so that the
/// compliance report (<c>GET /api/liaison-points/compliance</c>) has someone to name.
/// </summary>
static class DemoLiaisonPoints
{
    public const string LeaderWithoutPoint = "qs.secretary";

    sealed record Plan(string Leader, string Community, string BackingUnit, string Head);

    static IEnumerable<Plan> Plans()
    {
        yield return new("city.leader1", "JC-DH-LW-01", "JC-DH-LW-U1", "市委办公室 陈立");
        yield return new("city.leader2", "JC-XS-FL-01", "JC-XS-FL-U1", "市委组织部 林芳");
        yield return new("dh.secretary", "JC-DH-TY-02", "JC-DH-TY-U1", "东湖区委办 何军");
        yield return new("xs.secretary", "JC-XS-SQ-02", "JC-XS-SQ-U1", "西山区委办 孙倩");
        foreach (var street in DemoCity.Districts.SelectMany(d => d.Streets))
        {
            var leader = $"{street.Prefix}.secretary";
            if (leader != LeaderWithoutPoint)
                yield return new(leader, DemoCity.CommunityCode(street, 2), $"{street.Code}-U2", $"{street.Name}党政办 干部");
        }
    }

    public static async Task<int> SeedAsync(IServiceProvider services, Caller seeder, CancellationToken ct)
    {
        var year = ChinaTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;
        var points = services.GetRequiredService<LiaisonPoints>();
        var count = 0;
        foreach (var plan in Plans())
        {
            try
            {
                await points.CreateAsync(new LiaisonPointInput(plan.Leader, plan.Community, year, plan.BackingUnit,
                    [new WorkGroupMemberInput(plan.Head, "组长", null, false), new WorkGroupMemberInput("后盾单位联络员", "联络员", null, true)],
                    [
                        new TargetInput("T1", "党组织标准化规范化建设", $"{year}-06-30"),
                        new TargetInput("T2", "在职党员到社区报到服务", $"{year}-09-30"),
                        new TargetInput("T3", "居民满意度达到90%", $"{year}-12-15"),
                    ]), seeder, ct);
                count++;
            }
            catch (Domain.Errors.ConflictException)
            {
                // already there from an earlier run
            }
        }
        return count;
    }
}
