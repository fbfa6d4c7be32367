using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// What the inspectors found (问题 → 整改 → 销号). At the mid-year inspection: 柳湾 and 枫林 rectify and are verified,
/// 桃源 is sent back once and then verified, 新华 lets its rectification go overdue and escalate. A few days before the
/// demo's now a second round: 柳湾's rectification sent back, 桃源's waiting for verification, 石桥's still open.
/// </summary>
static class DemoYearFindings
{
    sealed record Finding(string Street, string Description, string Severity, string Indicator, int Days, string Course);

    static readonly Finding[] MidYear =
    [
        new("lw", "社区党群服务中心开放时间未公示，群众办事不便", "Minor", "venuesAndFunds", 10, "verified"),
        new("ty", "在职党员到社区报到台账不完整，部分党员无服务记录", "Major", "memberManagement", 15, "returned-then-verified"),
        new("xh", "两个社区党组织换届准备工作滞后", "Serious", "organisation", 5, "ignored"),
        new("fl", "一卡一册一单落实不到位，反馈单未送达党员所在单位", "Major", "memberManagement", 10, "verified"),
    ];

    static readonly Finding[] Recent =
    [
        new("lw", "第四季度例会记录不规范，缺少研究议题和决定事项", "Minor", "regularMeetings", 20, "returned"),
        new("ty", "联系点问题整改台账未及时更新", "Minor", "liaisonPoints", 20, "submitted"),
        new("sq", "驻区单位党建协调委员会未按期召开", "Major", "organisation", 20, "open"),
    ];

    public static IEnumerable<DemoMoment> Plan(DemoYearContext c)
    {
        var acts = new DemoTaskActs(c);
        var recorded = c.At(6, 22, 15);
        foreach (var plan in MidYear)
            foreach (var moment in Course(c, acts, plan, recorded))
                yield return moment;
        var recent = c.Until.AddDays(-6);
        if (recent < c.At(7, 20)) yield break;
        foreach (var plan in Recent)
            foreach (var moment in Course(c, acts, plan, recent))
                yield return moment;
    }

    static IEnumerable<DemoMoment> Course(DemoYearContext c, DemoTaskActs acts, Finding plan, DateTimeOffset recorded)
    {
        var street = DemoYearContext.Streets.Single(s => s.Prefix == plan.Street);
        yield return new(recorded, ct => RecordAsync(c, street, plan, ct));
        Func<CancellationToken, Task<long?>> task = async ct => await TaskAsync(c, street, plan, ct);
        DemoMoment Act(double days, Func<long?, CancellationToken, Task> act) => new(recorded.AddDays(days), async ct => await act(await task(ct), ct));
        switch (plan.Course)
        {
            case "verified":
                yield return Act(6, (id, ct) => acts.SubmitAsync(street, id, "已整改到位，附整改前后照片。", ct));
                yield return Act(8, (id, ct) => acts.ReviewAsync(street, id, "Accept", "经复查已整改到位，予以销号。", ct));
                break;
            case "returned-then-verified":
                yield return Act(7, (id, ct) => acts.SubmitAsync(street, id, "已整改。", ct));
                yield return Act(9, (id, ct) => acts.ReviewAsync(street, id, "Return", "整改材料缺少报到党员名册和服务记录，请补充。", ct));
                yield return Act(12, (id, ct) => acts.SubmitAsync(street, id, "已补充名册和服务记录。", ct, again: true));
                yield return Act(13, (id, ct) => acts.ReviewAsync(street, id, "Accept", "经复查已整改到位，予以销号。", ct));
                break;
            case "returned":
                yield return Act(2, (id, ct) => acts.SubmitAsync(street, id, "已整改。", ct));
                yield return Act(3, (id, ct) => acts.ReviewAsync(street, id, "Return", "整改措施过于笼统，请附整改后的例会记录。", ct));
                break;
            case "submitted":
                yield return Act(4, (id, ct) => acts.SubmitAsync(street, id, "台账已更新，请复查。", ct));
                break;
        }
    }

    static async Task RecordAsync(DemoYearContext c, DemoCity.Street street, Finding plan, CancellationToken ct)
    {
        if (await TaskAsync(c, street, plan, ct) is not null) return;
        var inspector = c.As($"{DemoYearContext.PrefixOf(DemoYearContext.DistrictOf(street))}.inspector");
        await c.Get<Findings>().RecordAsync(c.Cycle.Id, new NewFinding(street.Code, plan.Description, plan.Severity, plan.Indicator, plan.Days), inspector, ct);
    }

    static async Task<long?> TaskAsync(DemoYearContext c, DemoCity.Street street, Finding plan, CancellationToken ct) =>
        (await c.Get<Findings>().ListAsync(c.Cycle.Id, street.Code, null, c.Admin, ct)).FirstOrDefault(f => f.Description == plan.Description)?.RectificationTaskId;
}
