using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Meetings;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>Each meeting obligation has a journal stream of its own, chained and verified without its cadence's other obligations.</summary>
public class MeetingJournalTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task An_obligations_life_is_in_its_own_stream_and_its_cadences_stream_holds_only_the_occurrences()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var period = scenario.Schedule.PeriodOf(await scenario.AdvanceIntoNextPeriodAsync());
        var meetings = await scenario.MeetingsAsync();
        var s1 = meetings.Single(m => m.OrgUnitCode == scenario.World.Street(1));
        var s2 = meetings.Single(m => m.OrgUnitCode == scenario.World.Street(2));

        // s1 is reminded twice, goes overdue and is recorded late; s2 is recorded at once
        var officer = await scenario.World.CallerAsync("s1-officer");
        await engine.Get<MeetingRecords>().RecordAsync(s2.Id, Minutes(ChinaTime.DateOf(engine.Clock.GetUtcNow())),
            await scenario.World.CallerAsync("s2-officer"), CancellationToken.None);
        await scenario.World.Advancer.AdvanceToAsync(ChinaTime.At(period.End.AddDays(2), 10), CancellationToken.None);
        await engine.Get<MeetingRecords>().RecordAsync(s1.Id, Minutes(period.End), officer, CancellationToken.None);

        var queries = engine.Get<MeetingQueries>();
        var own = await queries.JournalAsync(s1.Id, JournalPage.First, officer, CancellationToken.None);
        Assert.Equal(["MeetingOpened", MeetingNotices.Reminder, MeetingNotices.Reminder, MeetingNotices.Overdue, "MeetingRecorded"], own.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), own.Select(e => e.Seq));
        Assert.Equal(new JournalVerification(true, 5, null), await queries.VerifyJournalAsync(s1.Id, officer, CancellationToken.None));
        Assert.Equal(["MeetingOpened", "MeetingRecorded"], (await queries.JournalAsync(s2.Id, JournalPage.First, MeetingScenario.Root, CancellationToken.None)).Select(e => e.Action));
        Assert.Equal(["MeetingRecorded"], (await queries.JournalAsync(s1.Id, new JournalPage(4, 1000), officer, CancellationToken.None)).Select(e => e.Action));

        var cadence = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Meetings(scenario.Cadence.Key), CancellationToken.None);
        // the quarter's occurrence and the next one's, reached while s1 went overdue; nothing of any obligation
        Assert.Equal(["CadenceAdded", "OccurrenceOpened", "OccurrenceOpened"], cadence.Select(e => e.Action));

        // another street's people cannot read it, and an edited entry shows in this stream alone
        var otherStreet = await scenario.World.CallerAsync("s2-officer");
        await Assert.ThrowsAsync<NotFoundException>(() => queries.JournalAsync(s1.Id, JournalPage.First, otherStreet, CancellationToken.None));
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        await connection.ExecuteAsync("update journal_entry set actor = 'someone' where stream = @stream and seq = 4", new { stream = JournalStreams.Meeting(s1.Id) });
        Assert.Equal(new JournalVerification(false, 4, 4), await queries.VerifyJournalAsync(s1.Id, officer, CancellationToken.None));
        Assert.True((await queries.VerifyJournalAsync(s2.Id, MeetingScenario.Root, CancellationToken.None)).Valid);
    }

    static JsonElement Minutes(DateOnly heldOn) => JsonSerializer.SerializeToElement(new
    {
        heldOn = heldOn.ToString("yyyy-MM-dd"), attendees = new[] { "书记", "委员" }, topics = "研究社区党建", minutes = "纪要",
    });
}
