using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;

namespace CommunityWorkflows.Workflows.Tests.Calendar;

// the tests share one database: each one edits a year of its own
public class CalendarsTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly CancellationToken None = CancellationToken.None;

    Calendars Calendars => engine.Get<Calendars>();

    static CalendarYearInput Schedule(int year, string source = "国务院办公厅关于部分节假日安排的通知") => new(source,
        [new($"{year}-01-01", "元旦"), new($"{year}-10-01", "国庆节"), new($"{year}-10-02", "国庆节")],
        []);

    static DateOnly D(int year, int month, int day) => new(year, month, day);

    async Task AssertAddedAsync(DateOnly from, int days, DateOnly expected, params int[] assumedYears)
    {
        var added = await Calendars.AddWorkdaysAsync(from, days, None);
        Assert.Equal(expected, added.Date);
        Assert.Equal(assumedYears, added.AssumedYears);
    }

    [Fact]
    public async Task The_shipped_years_are_there_from_the_start()
    {
        var years = await Calendars.ListAsync(None);

        Assert.Contains(years, y => y is { Year: 2025, UpdatedBy: null });
        var y2026 = Assert.Single(years, y => y.Year == 2026);
        Assert.Equal(new CalendarDay(D(2026, 2, 14), "春节调休上班"), y2026.Workdays[1]);
        Assert.True((await Calendars.LoadAsync(None)).IsLoaded(2026));
    }

    [Fact]
    public async Task Due_date_arithmetic_uses_the_stored_calendar_and_flags_unknown_years()
    {
        await AssertAddedAsync(D(2026, 2, 13), 1, D(2026, 2, 14));
        await AssertAddedAsync(D(2026, 9, 30), 1, D(2026, 10, 8));
        await AssertAddedAsync(D(2026, 10, 8), -1, D(2026, 9, 30));
        await AssertAddedAsync(D(2040, 12, 31), 1, D(2041, 1, 1), 2041);
    }

    [Fact]
    public async Task A_year_put_by_the_administrator_counts_at_once()
    {
        await AssertAddedAsync(D(2027, 9, 30), 1, D(2027, 10, 1), 2027);
        var stored = await Calendars.PutYearAsync(2027, Schedule(2027), Admin, None);
        await AssertAddedAsync(D(2027, 9, 30), 1, D(2027, 10, 4)); // 10-01 and 10-02 off, then the weekend
        Assert.Equal(("admin", engine.Clock.GetUtcNow()), (stored.UpdatedBy, stored.UpdatedAt));
    }

    [Fact]
    public async Task Each_change_is_journaled_in_the_calendar_stream_and_a_repeat_is_not()
    {
        var journal = engine.Get<EventJournal>();
        var before = (await journal.ReadAsync(JournalStreams.Calendar, None)).Count;
        await Calendars.PutYearAsync(2031, Schedule(2031), Admin, None);
        await Calendars.PutYearAsync(2031, Schedule(2031), Admin, None);
        await Calendars.PutYearAsync(2031, Schedule(2031, "国务院办公厅关于2031年部分节假日安排的通知"), Admin, None);

        var entries = (await journal.ReadAsync(JournalStreams.Calendar, None)).Skip(before).ToList();
        Assert.Equal(["CalendarYearAdded", "CalendarYearChanged"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("2031", "admin"), (e.Subject, e.Actor)));
        Assert.Contains("""{"date":"2031-10-01","name":"国庆节"}""", entries[1].Payload);
        Assert.True((await journal.VerifyAsync(JournalStreams.Calendar, None)).Valid);
    }

    [Fact]
    public async Task An_invalid_schedule_names_every_bad_field_and_writes_nothing()
    {
        var input = new CalendarYearInput("",
            [new("2032-01-01", "元旦"), new("2031-12-31", "元旦"), new("2032-02-30", "春节"), new("2032-01-01", "元旦"), new("2032-05-01", "")],
            [new("2032-01-01", "调休")]);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Calendars.PutYearAsync(2032, input, Admin, None));

        Assert.Equal(["/source", "/holidays/1/date", "/holidays/2/date", "/holidays/3/date", "/holidays/4/name", "/holidays/0/date", "/workdays/0/date"],
            error.Errors.Select(e => e.Field));
        await Assert.ThrowsAsync<NotFoundException>(() => Calendars.GetAsync(2032, None));
    }

    [Fact]
    public async Task Only_a_system_administrator_edits_the_calendar()
    {
        var districtAdmin = new Caller(7, "da", [new RoleGrant(Role.DistrictAdmin, "D1", "/C1/D1/")]);

        await Assert.ThrowsAsync<ForbiddenException>(() => Calendars.PutYearAsync(2033, Schedule(2033), districtAdmin, None));
        await Assert.ThrowsAsync<NotFoundException>(() => Calendars.GetAsync(2033, None));
    }

    [Fact]
    public async Task Concurrent_edits_of_one_year_take_turns()
    {
        var journal = engine.Get<EventJournal>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => Calendars.PutYearAsync(2034, Schedule(2034, $"通知 {i}"), Admin, None))));

        var entries = (await journal.ReadAsync(JournalStreams.Calendar, None)).Where(e => e.Subject == "2034").ToList();
        Assert.Equal(["CalendarYearAdded", "CalendarYearChanged", "CalendarYearChanged", "CalendarYearChanged"], entries.Select(e => e.Action));
        Assert.True((await journal.VerifyAsync(JournalStreams.Calendar, None)).Valid);
    }

    [Fact]
    public async Task Working_day_queries_out_of_bounds_are_refused() =>
        Assert.Equal("/days", Assert.Single((await Assert.ThrowsAsync<RuleViolationException>(
            () => Calendars.AddWorkdaysAsync(D(2026, 1, 1), WorkdayQuery.MaxDays + 1, None))).Errors).Field);
}
