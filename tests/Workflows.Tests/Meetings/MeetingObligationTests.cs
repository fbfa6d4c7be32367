using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Meetings;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

public class MeetingObligationTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Advancing_across_several_quarters_opens_each_quarters_obligations_in_order()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 3);
        var first = await scenario.AdvanceIntoNextPeriodAsync();
        var fourth = scenario.Schedule.NextAfter(scenario.Schedule.NextAfter(scenario.Schedule.NextAfter(first)!.Value)!.Value)!.Value;
        var result = await scenario.World.Advancer.AdvanceToAsync(fourth.AddDays(1), CancellationToken.None);

        var meetings = await scenario.MeetingsAsync();
        var periods = meetings.Select(m => m.PeriodStart).Distinct().ToList();
        Assert.Equal(scenario.World.Streets, meetings.Count(m => m.PeriodStart == ChinaTime.DateOf(first)));
        Assert.Equal(periods.Order(), periods);
        Assert.Equal(ChinaTime.DateOf(fourth), periods[^1]);
        Assert.All(meetings.GroupBy(m => m.PeriodStart).Where(g => g.Key >= ChinaTime.DateOf(first)), g => Assert.Equal(3, g.Count()));
        Assert.Equal(3 * 3, result.MeetingsOpened); // the 2nd, 3rd and 4th occurrences, three streets each
        var q = meetings.Single(m => m.PeriodStart == ChinaTime.DateOf(first) && m.OrgUnitCode == scenario.World.Street(1));
        Assert.Equal(ChinaTime.EndOf(scenario.Schedule.PeriodOf(first).End), q.DueAt);
        Assert.Equal("Overdue", q.Status);

        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Meetings(scenario.Cadence.Key), CancellationToken.None);
        var opened = journal.Where(e => e.Action == "OccurrenceOpened").Select(e => JsonDocument.Parse(e.Payload!).RootElement.GetProperty("periodStart").GetString()).ToList();
        Assert.Equal(opened.Order(StringComparer.Ordinal), opened);
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.Meetings(scenario.Cadence.Key), CancellationToken.None)).Valid);
        // a cadence that opened obligations keeps its record: it can be disabled, not removed
        await Assert.ThrowsAsync<ConflictException>(() => engine.Get<MeetingCadences>().RemoveAsync(scenario.Cadence.Key, MeetingScenario.Root, CancellationToken.None));
    }

    [Fact]
    public async Task Two_hosts_running_the_same_occurrence_at_once_open_each_obligation_once()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 40);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(engine.Clock);
        services.AddCommunityWorkflows(o => o.ConnectionString = engine.ConnectionString);
        await using var secondHost = services.BuildServiceProvider();
        var now = scenario.Schedule.NextAfter(engine.Clock.GetUtcNow())!.Value;
        engine.Clock.MoveTo(now);

        var runs = await Task.WhenAll(
            Task.Run(() => engine.Get<MeetingOccurrences>().OpenDueAsync(scenario.Cadence.Key, now, CancellationToken.None)),
            Task.Run(() => secondHost.GetRequiredService<MeetingOccurrences>().OpenDueAsync(scenario.Cadence.Key, now, CancellationToken.None)),
            Task.Run(() => engine.Get<MeetingOccurrences>().OpenDueAsync(scenario.Cadence.Key, now, CancellationToken.None)));

        Assert.Equal(40, runs.Sum());
        Assert.Contains(40, runs);
        Assert.Equal(40, (await scenario.MeetingsAsync()).Count);
        Assert.Equal(0, await engine.Get<MeetingOccurrences>().OpenDueAsync(scenario.Cadence.Key, now, CancellationToken.None));
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var timers = await connection.ExecuteScalarAsync<int>(
            "select count(*) from timer t join meeting m on m.id = t.target_id and t.target_kind = 'Meeting' where m.cadence_key = @key", new { key = scenario.Cadence.Key });
        // per obligation: reminders 14 and 3 days before the period's end, the deadline, one escalation (5 working days → firstResponsible)
        Assert.Equal(40 * 4, timers);
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Meetings(scenario.Cadence.Key), CancellationToken.None);
        Assert.Single(journal, e => e.Action == "OccurrenceOpened");
    }

    [Fact]
    public async Task Occurrences_missed_while_no_host_ran_are_opened_once_by_the_next_run_in_order()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var occurrences = engine.Get<MeetingOccurrences>();
        var start = await scenario.AdvanceIntoNextPeriodAsync();
        Assert.Equal(2, (await scenario.MeetingsAsync()).Count);

        // no host runs for two quarters: the clock moves on and nothing runs its occurrences
        var missed1 = scenario.Schedule.NextAfter(start)!.Value;
        var missed2 = scenario.Schedule.NextAfter(missed1)!.Value;
        engine.Clock.MoveTo(missed2.AddDays(20));
        Assert.True(await occurrences.IsBehindAsync(scenario.Cadence.Key, engine.Clock.GetUtcNow(), CancellationToken.None));

        Assert.Equal(4, await occurrences.OpenDueAsync(scenario.Cadence.Key, engine.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await occurrences.OpenDueAsync(scenario.Cadence.Key, engine.Clock.GetUtcNow(), CancellationToken.None));
        Assert.False(await occurrences.IsBehindAsync(scenario.Cadence.Key, engine.Clock.GetUtcNow(), CancellationToken.None));
        var meetings = await scenario.MeetingsAsync();
        Assert.Equal([ChinaTime.DateOf(start), ChinaTime.DateOf(missed1), ChinaTime.DateOf(missed2)], meetings.Select(m => m.PeriodStart).Distinct());
        Assert.Equal(4, meetings.Count(m => m.Status == "Overdue"));

        // the deadlines that passed during the downtime are told with the next dispatch
        await scenario.World.Advancer.AdvanceToAsync(engine.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(2, (await scenario.InboxAsync("s1-officer")).Count(n => n.Kind == MeetingNotices.Overdue));
    }

    [Fact]
    public async Task A_missed_quarter_reminds_the_street_and_escalates_to_the_districts_first_responsible()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var opened = await scenario.AdvanceIntoNextPeriodAsync();
        var period = scenario.Schedule.PeriodOf(opened);
        var s2 = (await scenario.MeetingsAsync()).Single(m => m.OrgUnitCode == scenario.World.Street(2));
        await engine.Get<MeetingRecords>().RecordAsync(s2.Id, JsonSerializer.SerializeToElement(new
        {
            heldOn = ChinaTime.DateOf(engine.Clock.GetUtcNow()).ToString("yyyy-MM-dd"), attendees = new[] { "书记", "委员" }, topics = "研究社区党建", minutes = "纪要",
        }), await scenario.World.CallerAsync("s2-officer"), CancellationToken.None);

        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(period.End.AddDays(-14), 8), CancellationToken.None);
        Assert.Empty(await scenario.InboxAsync("s1-secretary"));
        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(period.End.AddDays(-14), 9), CancellationToken.None);
        var reminder = Assert.Single(await scenario.InboxAsync("s1-secretary"));
        Assert.Equal(MeetingNotices.Reminder, reminder.Kind);
        Assert.Contains("还有14天", reminder.Subject);
        Assert.Single(await scenario.InboxAsync("s1-officer"));
        Assert.Empty(await scenario.InboxAsync("s2-officer"));

        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(period.End.AddDays(1), 0), CancellationToken.None);
        Assert.Single(await scenario.InboxAsync("s1-officer"), n => n.Kind == MeetingNotices.Overdue);
        Assert.Empty(await scenario.InboxAsync("district-secretary"));

        var calendar = await engine.Get<CommunityWorkflows.Workflows.Calendar.Calendars>().LoadAsync(CancellationToken.None);
        var fifth = calendar.AddWorkdays(period.End, 5).Date;
        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(fifth, 8), CancellationToken.None);
        Assert.Empty(await scenario.InboxAsync("district-secretary"));
        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(fifth, 9), CancellationToken.None);
        var escalation = Assert.Single(await scenario.InboxAsync("district-secretary"));
        Assert.Equal(MeetingNotices.Escalation, escalation.Kind);
        Assert.Contains("第1街道", escalation.Subject);
        Assert.Contains("已逾期5个工作日", escalation.Subject);
        Assert.Single(await scenario.InboxAsync("district-admin"), n => n.Kind == MeetingNotices.Escalation);
        Assert.Empty(await scenario.InboxAsync("s2-secretary"));
    }

    [Fact]
    public async Task After_downtime_a_reminder_past_its_meetings_due_time_is_skipped_and_the_overdue_notice_still_comes()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 1);
        var period = scenario.Schedule.PeriodOf(await scenario.AdvanceIntoNextPeriodAsync());
        // no host ran from before the first reminder (14 days before the end) until after the due time
        var back = ChinaTime.At(period.End.AddDays(1), 8);
        engine.Clock.MoveTo(back);

        await engine.Get<TimerDispatcher>().DispatchDueAsync(back, CancellationToken.None);

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var outcomes = await connection.QueryAsync<(string Kind, string Outcome)>(
            """
            select t.kind, t.outcome from timer t join meeting m on m.id = t.target_id and t.target_kind = 'Meeting'
            where m.cadence_key = @key and t.fired_at is not null order by t.due_at
            """, new { key = scenario.Cadence.Key });
        Assert.Equal([("Reminder", "Skipped"), ("Reminder", "Skipped"), ("Overdue", "Fired")], outcomes);
        Assert.Equal([MeetingNotices.Overdue], (await scenario.InboxAsync("s1-officer")).Select(n => n.Kind));
        Assert.Equal([MeetingNotices.Overdue], (await scenario.InboxAsync("s1-secretary")).Select(n => n.Kind));
    }

    [Fact]
    public async Task Recording_closes_the_obligation_only_for_its_people_inside_its_period_and_a_late_record_stays_late()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var opened = await scenario.AdvanceIntoNextPeriodAsync();
        var period = scenario.Schedule.PeriodOf(opened);
        var meetings = await scenario.MeetingsAsync();
        var s1 = meetings.Single(m => m.OrgUnitCode == scenario.World.Street(1));
        var records = engine.Get<MeetingRecords>();
        var officer = await scenario.World.CallerAsync("s1-officer");
        JsonElement Body(DateOnly heldOn) => JsonSerializer.SerializeToElement(new { heldOn = heldOn.ToString("yyyy-MM-dd"), attendees = new[] { "书记" }, topics = new[] { "议题" }, minutes = "纪要", decisions = "决定" });

        var outside = await Assert.ThrowsAsync<RuleViolationException>(() => records.RecordAsync(s1.Id, Body(period.Start.AddDays(-1)), officer, CancellationToken.None));
        Assert.Equal("/heldOn", Assert.Single(outside.Errors).Field);
        var inspector = await scenario.World.CallerAsync("inspector");
        var otherStreet = await scenario.World.CallerAsync("s2-officer");
        await Assert.ThrowsAsync<ForbiddenException>(() => records.RecordAsync(s1.Id, Body(period.Start), inspector, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => records.RecordAsync(s1.Id, Body(period.Start), otherStreet, CancellationToken.None));

        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(period.End.AddDays(3), 10), CancellationToken.None);
        var late = await records.RecordAsync(s1.Id, Body(period.End.AddDays(-2)), officer, CancellationToken.None);
        Assert.Equal(("Held", true), (late.Status, late.Late));
        Assert.Equal(["决定"], late.Decisions);
        await Assert.ThrowsAsync<ConflictException>(() => records.RecordAsync(s1.Id, Body(period.Start), officer, CancellationToken.None));

        Assert.Equal(0, await engine.PendingTimersAsync("Meeting", s1.Id));
        var compliance = await engine.Get<MeetingQueries>().ComplianceAsync(period.Start.Year, scenario.World.District, MeetingScenario.Root, CancellationToken.None);
        var row = compliance.Single(c => c.OrgUnitCode == scenario.World.Street(1) && c.CadenceKey == scenario.Cadence.Key && c.Year == period.Start.Year);
        Assert.Equal(1, row.Late);
        Assert.Equal(0, row.Held);
        Assert.Equal(1, compliance.Single(c => c.OrgUnitCode == scenario.World.Street(2) && c.CadenceKey == scenario.Cadence.Key).Missed);
    }
}
