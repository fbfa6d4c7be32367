using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// The <c>VisitDue</c> reminder: one timer per point, at 09:00 on the first day its gap without a visit is
/// longer than <see cref="LiaisonPolicy.VisitDueAfterDays"/>. Recording a later visit cancels it and starts the
/// count again; when it fires it tells the leader and sets the next one, another period on, until the year ends.
/// </summary>
public sealed class VisitDueTimers(CommunityWorkflowsOptions options) : TimerHandler<VisitDueTimers.PointRow>
{
    public const string Target = TimerTargets.LiaisonPoint;
    public const string Kind = TimerKinds.VisitDue;

    public override string TargetKind => Target;

    /// <summary>
    /// Sets the reminder for the gap that began on <paramref name="basis"/> (the point's start, or the visit
    /// <paramref name="visitId"/>): the first one, even when its day has passed (a visit recorded late still leaves
    /// the point overdue for one), or the first one after <paramref name="today"/>. The key's occasion names the
    /// visit that began the gap, so a gap never meets the cancelled timers of an earlier one.
    /// </summary>
    public static async Task ScheduleAsync(
        NpgsqlTransaction tx, long pointId, int year, DateOnly basis, long? visitId, DateOnly today, int afterDays, bool fromFirst, CancellationToken ct)
    {
        var n = 1;
        while (VisitClock.ReminderOn(basis, n, afterDays, year) is { } day && !fromFirst && day <= today) n++;
        if (VisitClock.ReminderOn(basis, n, afterDays, year) is not { } on) return;
        await DeadlineTimers.ScheduleOnceAsync(tx, Target, pointId, Kind, n, ChinaTime.At(on, DeadlineSchedule.NoticeHour),
            visitId is { } v ? $"visit-{v}" : "start", ct);
    }

    public sealed record PointRow(long Id, int Year, DateOnly StartedOn, long LeaderUserId, long CommunityId, string CommunityName, DateOnly? LastVisitOn, long? LastVisitId);

    protected override long IdOf(PointRow point) => point.Id;

    protected override string TargetsSql =>
        """
        select p.id, p.year, p.started_on, p.leader_user_id, c.id as community_id, c.name as community_name,
               last.visited_on as last_visit_on, last.id as last_visit_id
        from liaison_point p join org_unit c on c.id = p.community_id
        -- the visit that began the current gap: the latest day, the first recorded on it
        left join lateral (select v.id, v.visited_on from liaison_visit v where v.point_id = p.id order by v.visited_on desc, v.id limit 1) last on true
        where p.id = any(@ids)
        """;

    protected override TimerFiring? Decide(DueTimer timer, PointRow point, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        var days = VisitClock.DaysWithoutVisit(point.LastVisitOn, point.StartedOn, today, point.Year);
        if (!VisitClock.IsVisitDue(days, options.Liaison.VisitDueAfterDays) || today > VisitClock.YearEnd(point.Year)) return null;
        return new TimerFiring(
            new Notice(TimerFiring.NoticeKey(timer), Kind, LiaisonNoticeText.VisitDue(point.CommunityName, point.LastVisitOn, point.StartedOn, days),
                point.CommunityId, null, UserIds: [point.LeaderUserId]),
            new JournalDraft(JournalStreams.LiaisonPoint(point.Id), Kind, $"point:{point.Id}", new { daysWithoutVisit = days, lastVisitOn = point.LastVisitOn }));
    }

    /// <summary>A period on, however this one went: the point keeps one reminder ahead while it goes unvisited.</summary>
    protected override async Task ApplyAsync(NpgsqlTransaction tx, IReadOnlyList<Decided> decided, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var point in decided.Select(d => d.Target))
            await ScheduleAsync(tx, point.Id, point.Year, point.LastVisitOn ?? point.StartedOn, point.LastVisitId, ChinaTime.DateOf(now), options.Liaison.VisitDueAfterDays, fromFirst: false, ct);
    }
}
