namespace CommunityWorkflows.Domain.Liaison;

/// <summary>A City, District or Street leader, and how many liaison points they run in the year looked at.</summary>
public sealed record LeaderOnDuty(long UserId, string Username, LeaderLevel Level, int Points);

/// <summary>
/// The compliance rule: every City, District and Street leader runs at least one liaison point each year
/// (MISSION.md item 3), and every point is visited at least every <see cref="LiaisonPolicy.VisitDueAfterDays"/> days.
/// </summary>
public static class LiaisonCompliance
{
    /// <summary>The leaders with no point, City before District before Street, then by username.</summary>
    public static IReadOnlyList<LeaderOnDuty> WithoutPoint(IEnumerable<LeaderOnDuty> leaders) =>
        leaders.Where(l => l.Points == 0).OrderBy(l => l.Level).ThenBy(l => l.Username, StringComparer.Ordinal).ToList();

    /// <summary>Whether a point is out of compliance for visits as of <paramref name="today"/>.</summary>
    public static bool LacksRecentVisit(DateOnly? lastVisitOn, DateOnly startedOn, DateOnly today, int year, LiaisonPolicy policy) =>
        VisitClock.IsVisitDue(VisitClock.DaysWithoutVisit(lastVisitOn, startedOn, today, year), policy.VisitDueAfterDays);
}
