using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>
/// The business calendar as stored: loaded whole before due dates are computed, and replaced one year at a
/// time by a system administrator when the State Council publishes the next year's schedule.
/// </summary>
public sealed class Calendars(NpgsqlDataSource db, CommandRunner commands, ILogger<Calendars> logger)
{
    const long EditLockKey = 0x43616c65_6e646172; // "Calendar": edits of the calendar run one at a time

    const string SelectYears = """
        select year, source, holidays::text as holidays, workdays::text as workdays, updated_at, updated_by
        from calendar_year
        """;

    Loaded? loaded;
    int reloads;

    /// <summary>How many times the years were read from the database (the cache's misses).</summary>
    internal int Reloads => Volatile.Read(ref reloads);

    /// <summary>
    /// Every stored year, as the working-day arithmetic needs it. Cached: one tiny query reads the revision that every
    /// write of <c>calendar_year</c> bumps (a trigger), and the years are read again only when it moved, so an edit
    /// counts at once on every host sharing the database.
    /// </summary>
    public async Task<BusinessCalendar> LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // the revision first: a year written between the two reads leaves the copy newer than its revision, never older
        var revision = await connection.ExecuteScalarAsync<long>(new CommandDefinition("select revision from calendar_revision", cancellationToken: ct));
        if (Volatile.Read(ref loaded) is { } copy && copy.Revision == revision)
            return copy.Calendar;
        var rows = await connection.QueryAsync<YearRow>(new CommandDefinition(SelectYears, cancellationToken: ct));
        var calendar = new BusinessCalendar(rows.Select(r => ToView(r).ToCalendarYear()));
        Interlocked.Increment(ref reloads);
        Volatile.Write(ref loaded, new Loaded(revision, calendar));
        return calendar;
    }

    /// <summary>Every stored year, in order.</summary>
    public async Task<IReadOnlyList<CalendarYearView>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<YearRow>(new CommandDefinition(SelectYears + " order by year", cancellationToken: ct));
        return rows.Select(ToView).ToList();
    }

    public async Task<CalendarYearView> GetAsync(int year, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<YearRow>(new CommandDefinition(
            SelectYears + " where year = @year", new { year }, cancellationToken: ct));
        return row is null ? throw new NotFoundException(Say.Text($"No calendar is loaded for {year}.", $"尚未载入 {year} 年的工作日历。")) : ToView(row);
    }

    /// <summary>
    /// Replaces (or adds) the schedule of <paramref name="year"/>; only a system administrator may. Every bad
    /// field is reported at once and nothing is written; a change is journaled with it, a repeat changes nothing.
    /// </summary>
    public async Task<CalendarYearView> PutYearAsync(int year, CalendarYearInput input, Caller caller, CancellationToken ct)
    {
        if (!caller.IsSystemAdmin)
            throw new ForbiddenException(Say.Text("Only a system administrator may change the business calendar.", "只有系统管理员才能修改工作日历。"));
        var (schedule, errors) = CalendarYearValidator.Validate(year, input);
        if (schedule is null)
            throw new RuleViolationException(errors, Say.Text($"The schedule for {year} is invalid; nothing was changed.", $"{year} 年的日历安排有误，未作任何更改。"));

        var (unchanged, action) = await commands.RunAsync(caller, scope => PutYearInAsync(scope, year, schedule, caller), ct);
        if (unchanged is not null)
            return unchanged;
        logger.LogInformation("Calendar {Year} {Action} by {User}: {Holidays} holidays, {Workdays} adjusted working days",
            year, action, caller.Username, schedule.Holidays.Count, schedule.Workdays.Count);
        return await GetAsync(year, ct);
    }

    /// <summary>Writes the year unless it is stored as it is (answered then); otherwise the journal's action.</summary>
    async Task<(CalendarYearView? Unchanged, string Action)> PutYearInAsync(CommandScope scope, int year, CalendarYear schedule, Caller caller)
    {
        await scope.ExecuteAsync($"select pg_advisory_xact_lock({EditLockKey})");
        var stored = await scope.SingleOrDefaultAsync<YearRow>(SelectYears + " where year = @year", new { year });
        if (stored is not null && Same(ToView(stored).ToCalendarYear(), schedule))
            return (ToView(stored), "");

        await scope.ExecuteAsync(
            """
            insert into calendar_year (year, source, holidays, workdays, updated_by, updated_at)
            values (@year, @source, @holidays::jsonb, @workdays::jsonb, @by, @now)
            on conflict (year) do update
            set source = excluded.source, holidays = excluded.holidays, workdays = excluded.workdays,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new
            {
                year, schedule.Source, by = caller.Username, now = scope.Now,
                holidays = CalendarDaysJson.Write(schedule.Holidays),
                workdays = CalendarDaysJson.Write(schedule.Workdays),
            });
        var action = stored is null ? "CalendarYearAdded" : "CalendarYearChanged";
        scope.Journal(new JournalDraft(JournalStreams.Calendar, action, year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { schedule.Source, schedule.Holidays, schedule.Workdays }));
        // the trigger's revision tells every host; this one need not even ask
        scope.AfterCommit(() => Volatile.Write(ref loaded, null));
        return (null, action);
    }

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="from"/> (before it when negative),
    /// naming the years crossed that have no schedule; out-of-bounds queries are refused (<see cref="WorkdayQuery"/>).
    /// </summary>
    public async Task<WorkdaysAdded> AddWorkdaysAsync(DateOnly from, int days, CancellationToken ct)
    {
        var query = WorkdayQuery.Create(from, days);
        var (date, assumedYears) = (await LoadAsync(ct)).AddWorkdays(query.From, query.Days);
        return new WorkdaysAdded(date, assumedYears);
    }

    static bool Same(CalendarYear a, CalendarYear b) =>
        a.Source == b.Source && a.Holidays.SequenceEqual(b.Holidays) && a.Workdays.SequenceEqual(b.Workdays);

    static CalendarYearView ToView(YearRow r) => new(r.Year, r.Source,
        CalendarDaysJson.Read(r.Holidays), CalendarDaysJson.Read(r.Workdays),
        new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc)), r.UpdatedBy);

    sealed record Loaded(long Revision, BusinessCalendar Calendar);

    sealed record YearRow(int Year, string Source, string Holidays, string Workdays, DateTime UpdatedAt, string? UpdatedBy);
}
