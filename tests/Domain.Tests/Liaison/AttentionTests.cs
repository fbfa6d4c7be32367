using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class AttentionTests
{
    static PointStanding S(int overdueProblems = 0, int overdueTargets = 0, bool visitDue = false, int days = 0, int open = 0, int progress = 50) =>
        new(overdueProblems, overdueTargets, visitDue, days, open, progress);

    [Fact]
    public void Overdue_problems_come_first_then_overdue_targets_then_missed_visits_then_open_problems_then_low_progress()
    {
        var points = new Dictionary<string, PointStanding>
        {
            ["calm"] = S(progress: 80),
            ["behind"] = S(progress: 10),
            ["open"] = S(open: 3, progress: 90),
            ["unvisited"] = S(visitDue: true, days: 120, progress: 100),
            ["late-target"] = S(overdueTargets: 1, progress: 90),
            ["late-problem"] = S(overdueProblems: 1, open: 1, progress: 100),
            ["two-late-problems"] = S(overdueProblems: 2, open: 2, progress: 100),
        };
        var order = Attention.Sort(points, p => p.Value, p => p.Key).Select(p => p.Key);
        Assert.Equal(["two-late-problems", "late-problem", "late-target", "unvisited", "open", "behind", "calm"], order);
    }

    [Fact]
    public void Among_points_due_a_visit_the_longest_without_one_comes_first()
    {
        var order = Attention.Sort([("a", S(visitDue: true, days: 95)), ("b", S(visitDue: true, days: 200))], p => p.Item2, p => p.Item1);
        Assert.Equal(["b", "a"], order.Select(p => p.Item1));
    }

    [Fact]
    public void Ties_keep_a_stable_order_by_the_tie_breaker()
    {
        var order = Attention.Sort([("JC-2", S()), ("JC-1", S())], p => p.Item2, p => p.Item1);
        Assert.Equal(["JC-1", "JC-2"], order.Select(p => p.Item1));
    }

    [Fact]
    public void The_reasons_say_why_a_point_needs_attention()
    {
        Assert.Equal([AttentionReason.OverdueProblems, AttentionReason.VisitDue, AttentionReason.OpenProblems],
            Attention.Reasons(S(overdueProblems: 1, open: 2, visitDue: true)));
        Assert.Equal([AttentionReason.OverdueProblems], Attention.Reasons(S(overdueProblems: 1, open: 1)));
        Assert.Empty(Attention.Reasons(S(progress: 0)));
    }
}
