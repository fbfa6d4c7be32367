using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

public class ProblemTimerTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_problem_reminds_its_owner_falls_overdue_and_escalates_to_the_leader_as_simulated_time_passes()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var leader = await world.CallerAsync("s1-secretary");
        var visit = await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访调研：阵地建设和党员报到情况",
            [new ProblemInput("党员活动室未挂牌，制度未上墙", world.Date(1, 20), null)]), await world.CallerAsync("wg-member"), None);
        var problem = Assert.Single(visit.Problems);
        Assert.Equal(world.Community(1), problem.OwnerUnitCode);
        Assert.Equal(ProblemStatus.Open, problem.Status);

        await world.AdvanceToAsync(1, 13, hour: 8);
        Assert.Empty(await world.InboxAsync("k1-officer", "ProblemReminder"));
        await world.AdvanceToAsync(1, 13, hour: 9);
        var reminder = Assert.Single(await world.InboxAsync("k1-officer", "ProblemReminder"));
        Assert.Contains("还有7天", reminder.Subject);
        Assert.Equal(problem.Id, reminder.ProblemId);
        Assert.Empty(await world.InboxAsync("s1-secretary", "ProblemReminder"));

        await world.AdvanceToAsync(1, 20, hour: 23);
        Assert.Empty(await world.InboxAsync("k1-officer", "ProblemOverdue"));
        Assert.False((await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None)).Problems[0].Overdue);
        var calendar = await engine.Get<Calendars>().LoadAsync(None);
        var firstWorkdayLate = calendar.AddWorkdays(new DateOnly(world.Year, 1, 20), 1).Date;
        await world.AdvanceToAsync(firstWorkdayLate.Month, firstWorkdayLate.Day, hour: 8);
        Assert.Contains("已于", Assert.Single(await world.InboxAsync("k1-officer", "ProblemOverdue")).Subject);
        var detail = await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None);
        Assert.True(detail.Problems[0].Overdue);
        Assert.Equal(1, detail.OverdueProblems);
        Assert.Empty(await world.InboxAsync("s1-secretary", "ProblemEscalation"));

        await world.AdvanceToAsync(firstWorkdayLate.Month, firstWorkdayLate.Day, hour: 9);
        var escalation = Assert.Single(await world.InboxAsync("s1-secretary", "ProblemEscalation"));
        Assert.Contains("逾期1个工作日", escalation.Subject);
        Assert.Equal(problem.Id, escalation.ProblemId);
        Assert.Empty(await world.InboxAsync("k1-officer", "ProblemEscalation"));
        Assert.Empty(await world.InboxAsync("wg-member"));
        Assert.True((await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None)).Problems[0].Escalated);

        var resolved = await engine.Get<LiaisonVisits>().SetStatusAsync(point.Id, problem.Id, new ProblemStatusInput("Resolved", "已挂牌，制度上墙"), leader, None);
        Assert.Equal(ProblemStatus.Resolved, resolved.Status);
        Assert.False(resolved.Overdue);
        Assert.Equal("已挂牌，制度上墙", resolved.Note);
        Assert.Equal(0, await engine.PendingTimersAsync("Problem", problem.Id));
        var journal = (await engine.Get<EventJournal>().ReadAsync(JournalStreams.LiaisonPoint(point.Id), None)).Select(e => e.Action).ToList();
        Assert.Equal(["LiaisonPointCreated", "VisitRecorded", "ProblemReminder", "ProblemReminder", "ProblemOverdue", "ProblemEscalation", "ProblemResolved"], journal);
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.LiaisonPoint(point.Id), None)).Valid);
    }

    [Fact]
    public async Task After_downtime_a_reminder_past_its_problems_due_time_is_skipped_and_the_overdue_notice_still_comes()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("台账不全", world.Date(1, 20), null)]), await world.CallerAsync("s1-secretary"), None);
        // no host ran from before the first reminder (7 days before) until the day after the due date
        var back = Domain.Calendar.ChinaTime.At(new DateOnly(world.Year, 1, 21), 10);
        engine.Clock.MoveTo(back);

        await engine.Get<Workflows.Timers.TimerDispatcher>().DispatchDueAsync(back, None);

        Assert.Empty(await world.InboxAsync("k1-officer", "ProblemReminder"));
        Assert.Single(await world.InboxAsync("k1-officer", "ProblemOverdue"));
    }

    [Fact]
    public async Task A_problem_resolved_in_time_stops_its_timers_and_a_seated_owner_is_heard_through_its_street()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        var other = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        await world.SetSecretaryAsync(world.Seated(1), "s1-officer"); // its secretary and an officer of its street: told once
        var point = await world.CreatePointAsync("district-secretary", 1);
        var leader = await world.CallerAsync("district-secretary");
        var visits = engine.Get<LiaisonVisits>();

        var wrongOwner = await Assert.ThrowsAsync<RuleViolationException>(() => visits.RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("a", world.Date(2, 26), null), new ProblemInput("b", world.Date(2, 26), other.Seated(1))]), leader, None));
        Assert.Equal(["/problems/1/ownerUnitCode"], wrongOwner.Errors.Select(e => e.Field));
        var visit = await visits.RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("驻区单位未参加党建协调委员会", world.Date(2, 26), world.Seated(1)), new ProblemInput("楼栋长空缺", world.Date(3, 31), world.World.Street(1))]), leader, None);
        var (seated, street) = (visit.Problems[0], visit.Problems[1]);
        Assert.Equal(world.Seated(1), seated.OwnerUnitCode);

        await world.AdvanceToAsync(2, 19, hour: 10);
        Assert.Single(await world.InboxAsync("s1-officer", "ProblemReminder"));
        var missingNote = await Assert.ThrowsAsync<RuleViolationException>(() => visits.SetStatusAsync(point.Id, seated.Id, new ProblemStatusInput("Resolved", ""), leader, None));
        Assert.Equal(["/note"], missingNote.Errors.Select(e => e.Field));
        await visits.SetStatusAsync(point.Id, seated.Id, new ProblemStatusInput("Resolved", "供电所已加入协调委员会"), leader, None);
        await Assert.ThrowsAsync<ConflictException>(() => visits.SetStatusAsync(point.Id, seated.Id, new ProblemStatusInput("Resolved", "again"), leader, None));
        await Assert.ThrowsAsync<ConflictException>(() => visits.SetStatusAsync(point.Id, street.Id, new ProblemStatusInput("Open", null), leader, None));
        await Assert.ThrowsAsync<NotFoundException>(() => visits.SetStatusAsync(point.Id, street.Id + 1000, new ProblemStatusInput("Resolved", "x"), leader, None));
        Assert.Equal(0, await engine.PendingTimersAsync("Problem", seated.Id));

        await world.AdvanceToAsync(4, 30);
        var reminders = await world.InboxAsync("s1-officer", "ProblemReminder");
        Assert.Single(reminders, n => n.ProblemId == seated.Id);
        Assert.Equal(2, reminders.Count(n => n.ProblemId == street.Id));
        Assert.Equal([street.Id], (await world.InboxAsync("s1-officer", "ProblemOverdue")).Select(n => n.ProblemId));
        Assert.Contains(await world.InboxAsync("district-secretary", "ProblemEscalation"), n => n.ProblemId == street.Id);
        var detail = await engine.Get<LiaisonQueries>().GetAsync(point.Id, leader, None);
        Assert.False(detail.Problems.Single(p => p.Id == seated.Id).Overdue);
        Assert.True(detail.Problems.Single(p => p.Id == street.Id).Overdue);
    }

    [Fact]
    public async Task A_description_full_of_emoji_is_quoted_whole_and_every_timer_keeps_firing()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s1-secretary", 1);
        var other = await world.CreatePointAsync("s2-secretary", 2);
        // the 29th and 30th UTF-16 units are one emoji: a cut after 29 units would leave half of it
        var description = new string('问', 28) + "😀😀🏠 楼道灯不亮";
        await engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput(description, world.Date(1, 20), null)]), await world.CallerAsync("s1-secretary"), None);
        await engine.Get<LiaisonVisits>().RecordAsync(other.Id, new VisitInput(world.Date(1, 5), "走访",
            [new ProblemInput("楼栋长空缺", world.Date(1, 20), world.World.Street(2))]), await world.CallerAsync("s2-secretary"), None);

        await world.AdvanceToAsync(1, 13);
        var reminder = Assert.Single(await world.InboxAsync("k1-officer", "ProblemReminder"));
        Assert.Contains($"「{new string('问', 28)}…」", reminder.Subject);
        Assert.DoesNotContain(reminder.Subject, char.IsSurrogate);
        Assert.Single(await world.InboxAsync("s2-officer", "ProblemReminder")); // the same batch, another point: not held up

        var late = new DateOnly(world.Year, 1, 30);
        await world.AdvanceToAsync(late.Month, late.Day);
        Assert.Contains(new string('问', 28), Assert.Single(await world.InboxAsync("s1-secretary", "ProblemEscalation")).Subject);
    }

    [Fact]
    public async Task A_visit_is_recorded_after_it_happened_within_the_points_year()
    {
        var world = await LiaisonWorld.CreateAsync(engine);
        await world.StartYearAsync();
        var point = await world.CreatePointAsync("s2-secretary", 2);
        var leader = await world.CallerAsync("s2-secretary");
        var tomorrow = await Assert.ThrowsAsync<RuleViolationException>(() =>
            engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 6), "明天去", null), leader, None));
        Assert.Equal(["/visitedOn"], tomorrow.Errors.Select(e => e.Field));
        var outsider = await world.CallerAsync("s1-secretary");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            engine.Get<LiaisonVisits>().RecordAsync(point.Id, new VisitInput(world.Date(1, 5), "x", null), outsider, None));
    }
}
