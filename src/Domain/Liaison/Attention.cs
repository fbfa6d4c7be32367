namespace CommunityWorkflows.Domain.Liaison;

/// <summary>Why a point is near the top of the dashboard.</summary>
public enum AttentionReason
{
    OverdueProblems,
    OverdueTargets,
    VisitDue,
    OpenProblems,
}

/// <summary>
/// The dashboard's order, what needs attention first: most overdue problems, then most overdue targets, then
/// points due a visit (the longest without one first), then most open problems, then the lowest progress,
/// then the longest without a visit. Results before traces: an unsolved problem outranks a missed visit.
/// </summary>
public static class Attention
{
    public static IComparer<PointStanding> Order { get; } = Comparer<PointStanding>.Create(Compare);

    public static int Compare(PointStanding? a, PointStanding? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return 1;
        if (b is null) return -1;
        int c;
        if ((c = b.OverdueProblems.CompareTo(a.OverdueProblems)) != 0) return c;
        if ((c = b.OverdueTargets.CompareTo(a.OverdueTargets)) != 0) return c;
        if ((c = b.VisitDue.CompareTo(a.VisitDue)) != 0) return c;
        if (a.VisitDue && (c = b.DaysWithoutVisit.CompareTo(a.DaysWithoutVisit)) != 0) return c;
        if ((c = b.OpenProblems.CompareTo(a.OpenProblems)) != 0) return c;
        if ((c = a.Progress.CompareTo(b.Progress)) != 0) return c;
        return b.DaysWithoutVisit.CompareTo(a.DaysWithoutVisit);
    }

    /// <summary>The items in attention order; ties keep a stable order by <paramref name="tieBreak"/>.</summary>
    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> items, Func<T, PointStanding> standing, Func<T, string> tieBreak) =>
        items.OrderBy(standing, Order).ThenBy(tieBreak, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<AttentionReason> Reasons(PointStanding s)
    {
        var reasons = new List<AttentionReason>();
        if (s.OverdueProblems > 0) reasons.Add(AttentionReason.OverdueProblems);
        if (s.OverdueTargets > 0) reasons.Add(AttentionReason.OverdueTargets);
        if (s.VisitDue) reasons.Add(AttentionReason.VisitDue);
        if (s.OpenProblems > s.OverdueProblems) reasons.Add(AttentionReason.OpenProblems);
        return reasons;
    }
}
