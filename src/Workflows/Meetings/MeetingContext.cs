using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>A meeting obligation with its unit and the people around it, loaded (and locked, for a change) within the caller's scope.</summary>
sealed record MeetingContext(
    long Id, string CadenceKey, long OrgUnitId, string UnitName, string Title, MeetingPeriod Period, string Audience, DateTimeOffset DueAt,
    string Status, ParticipantUnits Units)
{
    internal sealed record Row(
        long Id, string CadenceKey, long OrgUnitId, string Title, DateOnly PeriodStart, DateOnly PeriodEnd, string Audience, DateTimeOffset DueAt, string Status,
        string UnitCode, string UnitName, string UnitPath, string? StreetCode, string? DistrictCode, string? UnitSecretary, string? StreetSecretary, string? DistrictSecretary);

    public bool CanRecord(Caller caller) => Audiences.CanAct(caller, Audience, Units);

    public static Task<MeetingContext> LockAsync(NpgsqlTransaction tx, long id, Caller caller, CancellationToken ct) =>
        LoadAsync(tx.Connection!, tx, id, caller, "for update of m", ct);

    public static Task<MeetingContext> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long id, Caller caller, CancellationToken ct) =>
        LoadAsync(connection, tx, id, caller, "", ct);

    /// <summary>The columns of <see cref="Row"/>, for a query that reads more of the meeting at once.</summary>
    internal const string Columns = """
        m.id, m.cadence_key, m.org_unit_id, m.title, m.period_start, m.period_end, m.audience, m.due_at, m.status,
        u.code as unit_code, u.name as unit_name, u.path as unit_path, s.code as street_code, d.code as district_code,
        us.username as unit_secretary, ss.username as street_secretary, ds.username as district_secretary
        """;

    internal static readonly string From = $"""
        from meeting m
        join org_unit u on u.id = m.org_unit_id
        {Organisation.OrgUnitLine.Joins("u", "s", "d", "us", "ss", "ds")}
        """;

    static async Task<MeetingContext> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long id, Caller caller, string locking, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} {From} where m.id = @id {locking}", new { id }, tx, cancellationToken: ct));
        return Of(row, id, caller);
    }

    /// <summary>The meeting of <paramref name="row"/>, or 404 when there is none or the caller may not see its unit.</summary>
    internal static MeetingContext Of(Row? row, long id, Caller caller)
    {
        if (row is null || !caller.CanSee(row.UnitPath))
            throw new NotFoundException(Say.Text($"Meeting {id} was not found.", $"未找到会议 {id}。"));
        return new MeetingContext(row.Id, row.CadenceKey, row.OrgUnitId, row.UnitName, row.Title, new MeetingPeriod(row.PeriodStart, row.PeriodEnd),
            row.Audience, row.DueAt, row.Status,
            new ParticipantUnits(row.UnitCode, row.UnitPath, row.StreetCode, row.DistrictCode, row.UnitSecretary, row.StreetSecretary, row.DistrictSecretary));
    }
}
