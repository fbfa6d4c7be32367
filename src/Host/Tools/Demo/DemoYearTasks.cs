using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// The streets' answers to the cycle's stages. A stage whose deadline is well past went like most years go: 柳湾, 枫林
/// and 石桥 on time, 桃源 sent back once and then accepted, 新华 a week late; 青松 never sent its targets, so its
/// first tasks are overdue and escalated to the district secretary, and it never reached a later stage. In the stage
/// still running every state is on show: 柳湾 and 枫林 accepted (and scored, at the year end), 桃源 returned with the
/// reviewer's comment, 新华 submitted and waiting for review, 石桥 still open.
/// </summary>
static class DemoYearTasks
{
    const string OnTime = "按要求报送，请审核。";
    // the reviewer's comment when a stage's answer is sent back, stage by stage
    static readonly string[] ReturnComments =
    [
        "目标任务不够具体，缺少量化指标和完成时限，请补充完善后重新报送。",
        "自查报告对存在问题分析不够深入，缺少量化的进度数据，请补充具体事例和整改措施。",
        "述职报告对重点指标完成情况说明不够具体，缺少量化数据和群众评价，请补充完善后重新报送。",
    ];

    public static IEnumerable<DemoMoment> Plan(DemoYearContext c)
    {
        var acts = new DemoTaskActs(c);
        for (var k = 0; k < c.Template.Stages.Count; k++)
        {
            var (stage, view) = (c.Template.Stages[k], c.Cycle.Stages[k]);
            if (c.Until < view.OpensAt.AddDays(2)) yield break;
            var past = c.Until > view.DueAt.AddDays(12);
            var tasks = stage.Tasks.Select(t => (t.Key, t.After.Count > 0)).ToList();
            var comment = ReturnComments[Math.Min(k, ReturnComments.Length - 1)];
            var moments = past ? Past(c, acts, tasks, view.DueAt, comment)
                : Current(c, acts, tasks, view.OpensAt, view.DueAt < c.Until ? view.DueAt : c.Until, comment, last: k == c.Template.Stages.Count - 1);
            foreach (var moment in moments) yield return moment;
        }
    }

    static IEnumerable<DemoMoment> Past(DemoYearContext c, DemoTaskActs acts, List<(string Key, bool Follows)> tasks, DateTimeOffset due, string returnComment)
    {
        foreach (var (street, i) in DemoYearContext.Streets.Select((s, i) => (s, i)))
        {
            var hours = TimeSpan.FromHours(i);
            switch (street.Prefix)
            {
                case "ty":
                    yield return Answer(c, acts, street, tasks, due.AddDays(-25) + hours, OnTime);
                    yield return Review(c, acts, street, tasks, due.AddDays(-23) + hours, "Return", returnComment);
                    yield return Answer(c, acts, street, tasks, due.AddDays(-20) + hours, "已按审核意见补充完善。", again: true);
                    yield return Review(c, acts, street, tasks, due.AddDays(-18) + hours, "Accept", null);
                    yield return Follow(c, acts, street, tasks, due.AddDays(-16) + hours);
                    break;
                case "xh":
                    yield return Answer(c, acts, street, tasks, due.AddDays(7) + hours, "因人员调整报送延迟，现补报。");
                    yield return Review(c, acts, street, tasks, due.AddDays(9) + hours, "Accept", null);
                    yield return Follow(c, acts, street, tasks, due.AddDays(11) + hours);
                    break;
                case "qs":
                    break; // never answered: overdue, then escalated
                default:
                    yield return Answer(c, acts, street, tasks, due.AddDays(-20) + hours, OnTime);
                    yield return Review(c, acts, street, tasks, due.AddDays(-17) + hours, "Accept", null);
                    yield return Follow(c, acts, street, tasks, due.AddDays(-15) + hours);
                    break;
            }
        }
    }

    static IEnumerable<DemoMoment> Current(DemoYearContext c, DemoTaskActs acts, List<(string Key, bool Follows)> tasks, DateTimeOffset opens, DateTimeOffset end, string returnComment, bool last)
    {
        DateTimeOffset Part(double share) => opens + (end - opens) * share;
        foreach (var street in DemoYearContext.Streets)
        {
            switch (street.Prefix)
            {
                case "lw" or "fl":
                    var shift = street.Prefix == "lw" ? 0 : 0.05;
                    yield return Answer(c, acts, street, tasks, Part(0.15 + shift), OnTime);
                    yield return Review(c, acts, street, tasks, Part(0.3 + shift), "Accept", null);
                    if (last) yield return new(Part(0.5 + shift), ct => ScoreAsync(c, street, ct));
                    else yield return Follow(c, acts, street, tasks, Part(0.45 + shift));
                    break;
                case "ty":
                    yield return Answer(c, acts, street, tasks, Part(0.2), OnTime);
                    yield return Review(c, acts, street, tasks, Part(0.35), "Return", returnComment);
                    break;
                case "xh":
                    yield return Answer(c, acts, street, tasks, Part(0.6), OnTime);
                    break;
            }
        }
    }

    /// <summary>The street's own tasks of the stage (those that wait on no other) submitted.</summary>
    static DemoMoment Answer(DemoYearContext c, DemoTaskActs acts, DemoCity.Street street, List<(string Key, bool Follows)> tasks, DateTimeOffset at, string comment, bool again = false) =>
        new(at, async ct =>
        {
            foreach (var task in tasks.Where(t => !t.Follows))
                await acts.SubmitAsync(street, await acts.FindAsync(street, task.Key, ct), comment, ct, again);
        });

    static DemoMoment Review(DemoYearContext c, DemoTaskActs acts, DemoCity.Street street, List<(string Key, bool Follows)> tasks, DateTimeOffset at, string decision, string? comment) =>
        new(at, async ct =>
        {
            foreach (var task in tasks.Where(t => !t.Follows))
                await acts.ReviewAsync(street, await acts.FindAsync(street, task.Key, ct), decision, comment, ct);
        });

    /// <summary>The tasks that wait on the street's answers (the inspection, the scoring) done by the district's people.</summary>
    static DemoMoment Follow(DemoYearContext c, DemoTaskActs acts, DemoCity.Street street, List<(string Key, bool Follows)> tasks, DateTimeOffset at) =>
        new(at, async ct =>
        {
            foreach (var task in tasks.Where(t => t.Follows))
            {
                var id = await acts.FindAsync(street, task.Key, ct);
                await acts.SubmitAsync(street, id, "已完成。", ct);
                await acts.ReviewAsync(street, id, "Accept", null, ct);
            }
        });

    /// <summary>The district's organisation department enters the on-site scores and the democratic rating's votes.</summary>
    static async Task ScoreAsync(DemoYearContext c, DemoCity.Street street, CancellationToken ct)
    {
        var districtAdmin = c.As($"{DemoYearContext.PrefixOf(DemoYearContext.DistrictOf(street))}.admin");
        var scoring = c.Get<Scoring>();
        var sheet = await scoring.GetSheetAsync(c.Cycle.Id, street.Code, districtAdmin, ct);
        if (sheet.Indicators.Any(i => i.ScoredBy is not null)) return;
        var lw = street.Prefix == "lw";
        await scoring.SetScoresAsync(c.Cycle.Id, street.Code,
        [
            new ScoreInput("organisation", lw ? 18 : 17), new ScoreInput("memberManagement", lw ? 17 : 16), new ScoreInput("regularMeetings", lw ? 14 : 12),
            new ScoreInput("liaisonPoints", lw ? 13 : 12), new ScoreInput("venuesAndFunds", 9), new ScoreInput("rectification", lw ? 18 : 15, Comment: "上年问题已全部整改销号"),
        ], districtAdmin, ct);
        if (lw)
            await scoring.SetRatingAsync(c.Cycle.Id, street.Code, new RatingInput(30, 15, 4, 1), districtAdmin, ct);
    }
}
