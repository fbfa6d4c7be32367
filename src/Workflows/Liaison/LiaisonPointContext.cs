using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Text;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>A liaison point as a command needs it: its leader, community, district and backing unit, and who works on it.</summary>
sealed record LiaisonPointContext(
    long Id, int Year, DateOnly StartedOn, long LeaderUserId, string Leader, long CommunityId, string CommunityCode, string CommunityName,
    string CommunityPath, string? DistrictPath, long BackingUnitId, string BackingUnitPath, IReadOnlyList<long> MemberUserIds)
{
    sealed record PointRow(
        long Id, int Year, DateOnly StartedOn, long LeaderUserId, string Leader, long CommunityId, string CommunityCode, string CommunityName,
        string CommunityPath, string? DistrictPath, long BackingUnitId, string BackingUnitPath);

    /// <summary>Loads and row-locks the point for a change; unknown or outside the caller's reach → 404.</summary>
    public static Task<LiaisonPointContext> LockAsync(NpgsqlTransaction tx, long pointId, Caller caller, CancellationToken ct) =>
        LoadAsync(tx.Connection!, tx, pointId, caller, "for update of p", ct);

    /// <summary>Loads the point to read it; unknown or outside the caller's reach → 404.</summary>
    public static Task<LiaisonPointContext> ReadAsync(NpgsqlConnection connection, long pointId, Caller caller, CancellationToken ct) =>
        LoadAsync(connection, null, pointId, caller, "", ct);

    static async Task<LiaisonPointContext> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long pointId, Caller caller, string locking, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PointRow>(new CommandDefinition(
            $"""
            select p.id, p.year, p.started_on, p.leader_user_id, lu.username as leader, c.id as community_id, c.code as community_code,
                   c.name as community_name, c.path as community_path, d.path as district_path, p.backing_unit_id, b.path as backing_unit_path
            from liaison_point p
            join app_user lu on lu.id = p.leader_user_id
            join org_unit c on c.id = p.community_id
            left join org_unit d on d.id = c.district_id
            join org_unit b on b.id = p.backing_unit_id
            where p.id = @pointId
            {locking}
            """, new { pointId }, tx, cancellationToken: ct));
        if (row is null)
            throw new NotFoundException(Say.Text($"Liaison point {pointId} was not found.", $"未找到联系点 {pointId}。"));
        var members = (await connection.QueryAsync<long>(new CommandDefinition(
            "select user_id from liaison_work_group_member where point_id = @pointId and user_id is not null", new { pointId }, tx, cancellationToken: ct))).ToList();
        if (!LiaisonAccess.CanSee(caller, row.LeaderUserId, members, row.CommunityPath))
            throw new NotFoundException(Say.Text($"Liaison point {pointId} was not found.", $"未找到联系点 {pointId}。"));
        return new LiaisonPointContext(row.Id, row.Year, row.StartedOn, row.LeaderUserId, row.Leader, row.CommunityId, row.CommunityCode, row.CommunityName,
            row.CommunityPath, row.DistrictPath, row.BackingUnitId, row.BackingUnitPath, members);
    }
}
