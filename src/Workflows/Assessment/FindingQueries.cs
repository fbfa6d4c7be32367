using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// Which findings to list across cycles: by status (Open, Rectifying, Verified, Cancelled), unit, cycle, those the
/// caller recorded (<see cref="RecordedByMe"/>), newest first, a page at a time.
/// </summary>
public sealed record FindingFilter(
    string? Status = null, string? OrgUnitCode = null, long? CycleId = null, bool RecordedByMe = false, int Limit = 20, int Offset = 0);

/// <summary>A finding in a list, with its rectification task's state and its cycle's year.</summary>
public sealed record FindingListItem(FindingView Finding, TaskState RectificationState, int CycleYear);

/// <summary>One page of findings and how many match the filter in all.</summary>
public sealed record FindingPage(IReadOnlyList<FindingListItem> Items, int Total);

/// <summary>Findings over every cycle the caller sees, paged and filtered in the database (the web UI's findings list).</summary>
public sealed class FindingQueries(NpgsqlDataSource db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    sealed class Row : FindingRow
    {
        public int CycleYear { get; init; }
        public int Total { get; init; }
    }

    public async Task<FindingPage> PageAsync(FindingFilter filter, Caller caller, CancellationToken ct)
    {
        FindingStatus? status = null;
        if (filter.Status is not null)
            status = EnumText.TryParse<FindingStatus>(filter.Status, out var s)
                ? s : throw new RuleViolationException("/status", Say.Text($"Unknown status '{filter.Status}'; expected one of {EnumText.Expected<FindingStatus>()}.", $"未知状态“{filter.Status}”，应为以下之一：{EnumText.Expected<FindingStatus>()}。"));
        Paging.Check(filter.Limit, filter.Offset, MaxPageSize);
        await using var connection = await db.OpenConnectionAsync(ct);
        // the count comes with the page (a window over the same filter), so the total always agrees with what is listed
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            select f.id, f.cycle_id, c.year as cycle_year, u.code as org_unit_code, u.name as org_unit_name, f.description, f.severity, f.indicator_code,
                   f.rectify_within_days, t.status as task_status, t.id as rectification_task_id, t.due_at, f.assumed_years, f.reviewer, f.recorded_by,
                   f.recorded_at, t.accepted_at as verified_at, (count(*) over ())::int as total
            from finding f join task t on t.id = f.task_id join org_unit u on u.id = f.org_unit_id join cycle c on c.id = f.cycle_id
            {Where}
            order by f.recorded_at desc, f.id desc
            limit @limit offset @offset
            """,
            Parameters(filter, status, caller), cancellationToken: ct))).ToList();
        var total = rows.Count > 0 ? rows[0].Total : filter.Offset == 0 ? 0 : await CountAsync(connection, filter, status, caller, ct);
        var now = clock.GetUtcNow();
        return new FindingPage(rows.Select(r =>
        {
            var state = Enum.Parse<TaskState>(r.TaskStatus);
            var view = new FindingView(r.Id, r.CycleId, r.OrgUnitCode, r.OrgUnitName, r.Description, Enum.Parse<FindingSeverity>(r.Severity), r.IndicatorCode,
                r.RectifyWithinDays, FindingStatuses.Of(state), TaskStates.IsOverdue(state, r.DueAt, now), r.RectificationTaskId, r.DueAt,
                r.AssumedYears, r.Reviewer, r.RecordedBy, r.RecordedAt, r.VerifiedAt);
            return new FindingListItem(view, state, r.CycleYear);
        }).ToList(), total);
    }

    /// <summary>A page past the end has no rows to carry the window's count: the total is asked for alone.</summary>
    async Task<int> CountAsync(NpgsqlConnection connection, FindingFilter filter, FindingStatus? status, Caller caller, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            select count(*)::int from finding f join task t on t.id = f.task_id join org_unit u on u.id = f.org_unit_id
            {Where}
            """,
            Parameters(filter, status, caller), cancellationToken: ct));

    const string Where = """
            where (@cycleId::bigint is null or f.cycle_id = @cycleId)
              and (@orgUnitCode::text is null or u.code = @orgUnitCode)
              and (@statuses::text[] is null or t.status = any(@statuses))
              and (not @mine or f.recorded_by = @username)
              and (@all or u.path like any(@scopes))
            """;

    static object Parameters(FindingFilter filter, FindingStatus? status, Caller caller) => new
    {
        filter.CycleId, orgUnitCode = string.IsNullOrWhiteSpace(filter.OrgUnitCode) ? null : filter.OrgUnitCode.Trim(),
        statuses = status is { } st ? FindingStatuses.TaskStatesOf(st).Select(t => t.ToString()).ToArray() : null,
        mine = filter.RecordedByMe, username = caller.Username, filter.Limit, filter.Offset,
        all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
    };
}
