using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>Reading meeting obligations within the caller's scope: lists, one meeting, and compliance per unit and year.</summary>
public sealed class MeetingQueries(NpgsqlDataSource db, CommandRunner commands, EventJournal journal, TimeProvider clock)
{
    public const int MaxPageSize = 5000;
    public static readonly IReadOnlyList<string> Statuses = ["Due", "Overdue", "Held"];

    sealed record Row(long Id, string CadenceKey, string Title, string OrgUnitCode, string OrgUnitName, DateOnly PeriodStart, DateOnly PeriodEnd,
        DateTimeOffset DueAt, string Status, bool Late, DateOnly? HeldOn);

    const string Scoped = "(@all or u.path like any(@scopes))";

    static object Scope(Caller caller) => new { all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray() };

    public async Task<IReadOnlyList<MeetingView>> ListAsync(MeetingFilter filter, Caller caller, CancellationToken ct)
    {
        if (filter.Year is { } year && !Years.IsValid(year))
            throw new RuleViolationException("/year", Years.Problem);
        // any letter case, as the task and finding lists take their status
        var status = filter.Status is null ? null
            : Statuses.FirstOrDefault(s => string.Equals(s, filter.Status, StringComparison.OrdinalIgnoreCase))
              ?? throw new RuleViolationException("/status", Say.Text($"Unknown status '{filter.Status}'; expected one of {string.Join(", ", Statuses)}.", $"未知状态“{filter.Status}”，应为以下之一：{string.Join(", ", Statuses)}。"));
        Paging.Check(filter.Limit, filter.Offset, MaxPageSize);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var parameters = new DynamicParameters(Scope(caller));
        parameters.AddDynamicParams(new { filter.OrgUnitCode, filter.Year, status, filter.CadenceKey, filter.Limit, filter.Offset, filter.From, filter.To, now });
        var order = filter.NewestFirst ? "m.period_start desc, u.code, m.cadence_key" : "m.period_start, u.code, m.cadence_key";
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            select m.id, m.cadence_key, m.title, u.code as org_unit_code, u.name as org_unit_name, m.period_start, m.period_end,
                   m.due_at, m.status, m.late, m.held_on
            from meeting m join org_unit u on u.id = m.org_unit_id
            where (@orgUnitCode::text is null or u.code = @orgUnitCode)
              and (@year::int is null or m.period_start >= make_date(@year, 1, 1) and m.period_start < make_date(@year + 1, 1, 1))
              and (@cadenceKey::text is null or m.cadence_key = @cadenceKey)
              and (@from::date is null or m.period_start >= @from) and (@to::date is null or m.period_start <= @to)
              and (@status::text is null
                   or @status = 'Held' and m.status = 'Held'
                   or @status = 'Due' and m.status = 'Due' and m.due_at >= @now
                   or @status = 'Overdue' and m.status = 'Due' and m.due_at < @now)
              and {Scoped}
            order by {order}
            limit @limit offset @offset
            """, parameters, cancellationToken: ct));
        return rows.Select(r => ToView(r, now)).ToList();
    }

    static MeetingView ToView(Row r, DateTimeOffset now)
    {
        var overdue = r.Status == "Due" && r.DueAt < now;
        return new MeetingView(r.Id, r.CadenceKey, r.Title, r.OrgUnitCode, r.OrgUnitName, r.PeriodStart, r.PeriodEnd,
            new MeetingPeriod(r.PeriodStart, r.PeriodEnd).Label(), r.DueAt, overdue ? "Overdue" : r.Status, overdue, r.Late, r.HeldOn);
    }

    sealed record RecordRow(
        bool Late, DateOnly? HeldOn, string? Attendees, string? Topics, string? Minutes, string? Decisions, DateTimeOffset OpenedAt, DateTimeOffset? RecordedAt, string? RecordedBy);

    /// <summary>One meeting: its row read once, with its unit and people (scope, who may record) and its record.</summary>
    public async Task<MeetingDetail> GetAsync(long meetingId, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await commands.ReadAsync(tx => DetailAsync(tx, meetingId, now, caller, ct), ct);
    }

    static async Task<MeetingDetail> DetailAsync(NpgsqlTransaction tx, long meetingId, DateTimeOffset now, Caller caller, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var (row, record) = (await connection.QueryAsync<MeetingContext.Row, RecordRow, (MeetingContext.Row, RecordRow)>(new CommandDefinition(
            $"""
            select {MeetingContext.Columns},
                   m.late, m.held_on, m.attendees::text as attendees, m.topics::text as topics, m.minutes, m.decisions::text as decisions,
                   m.opened_at, m.recorded_at, m.recorded_by
            {MeetingContext.From} where m.id = @meetingId
            """, new { meetingId }, tx, cancellationToken: ct), (context, detail) => (context, detail), splitOn: "late")).SingleOrDefault();
        var meeting = MeetingContext.Of(row, meetingId, caller);
        var view = ToView(new Row(row.Id, row.CadenceKey, row.Title, row.UnitCode, row.UnitName, row.PeriodStart, row.PeriodEnd,
            row.DueAt, row.Status, record.Late, record.HeldOn), now);
        var evidence = await connection.QueryAsync<(long Id, string FileName, string ContentType, long Size, byte[] Sha256, string UploadedBy, DateTimeOffset UploadedAt)>(new CommandDefinition(
            "select id, file_name, content_type, size, sha256, uploaded_by, uploaded_at from evidence where meeting_id = @meetingId order by id",
            new { meetingId }, tx, cancellationToken: ct));
        return new MeetingDetail(view.Id, view.CadenceKey, view.Title, view.OrgUnitCode, view.OrgUnitName, view.PeriodStart, view.PeriodEnd, view.Period,
            view.DueAt, view.Status, view.Overdue, view.Late, view.HeldOn, Texts(record.Attendees), Texts(record.Topics), record.Minutes, Texts(record.Decisions),
            record.OpenedAt, record.RecordedAt, record.RecordedBy,
            evidence.Select(e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Size, Convert.ToHexStringLower(e.Sha256), e.UploadedBy, e.UploadedAt)).ToList(),
            meeting.Status == "Due" && meeting.CanRecord(caller));
    }

    static IReadOnlyList<string> Texts(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>A page of the obligation's own journal stream, in order; out of scope → 404.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(long meetingId, JournalPage page, Caller caller, CancellationToken ct)
    {
        await EnsureVisibleAsync(meetingId, caller, ct);
        return await journal.ReadAsync(JournalStreams.Meeting(meetingId), page, ct);
    }

    /// <summary>Recomputes the obligation's hash chain alone, whatever else its cadence opened.</summary>
    public async Task<JournalVerification> VerifyJournalAsync(long meetingId, Caller caller, CancellationToken ct)
    {
        await EnsureVisibleAsync(meetingId, caller, ct);
        return await journal.VerifyAsync(JournalStreams.Meeting(meetingId), ct);
    }

    async Task EnsureVisibleAsync(long meetingId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await MeetingContext.ReadAsync(connection, null, meetingId, caller, ct);
    }

    /// <summary>Every unit's meetings in <paramref name="year"/>, per cadence, under <paramref name="scopeCode"/> (or all the caller sees).</summary>
    public async Task<IReadOnlyList<MeetingCompliance>> ComplianceAsync(int year, string? scopeCode, Caller caller, CancellationToken ct)
    {
        if (!Years.IsValid(year))
            throw new RuleViolationException("/year", Years.Problem);
        await using var connection = await db.OpenConnectionAsync(ct);
        var scope = await Organisation.OrgScope.PrefixAsync(connection, null, scopeCode, caller, ct);
        var parameters = new DynamicParameters(Scope(caller));
        parameters.AddDynamicParams(new { year, now = clock.GetUtcNow(), scope });
        var rows = await connection.QueryAsync<MeetingCompliance>(new CommandDefinition(
            $"""
            select u.code as org_unit_code, u.name as org_unit_name, u.kind, m.cadence_key, c.name as cadence_name, @year as year,
                   count(*)::int as due,
                   count(*) filter (where m.status = 'Held' and not m.late)::int as held,
                   count(*) filter (where m.status = 'Held' and m.late)::int as late,
                   count(*) filter (where m.status = 'Due' and m.due_at < @now)::int as missed,
                   count(*) filter (where m.status = 'Due' and m.due_at >= @now)::int as open
            from meeting m join org_unit u on u.id = m.org_unit_id join meeting_cadence c on c.key = m.cadence_key
            where m.period_start >= make_date(@year, 1, 1) and m.period_start < make_date(@year + 1, 1, 1) and (@scope::text is null or u.path like @scope) and {Scoped}
            group by u.code, u.name, u.kind, m.cadence_key, c.name
            order by u.code, m.cadence_key
            """, parameters, cancellationToken: ct));
        return rows.ToList();
    }
}
