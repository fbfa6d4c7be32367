using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// The problems of liaison points as their owners read them (问题清单): besides the point's own people, whoever
/// answers for the owner unit (<see cref="ProblemOwners.Answers"/>) sees and resolves a problem, and anyone whose
/// scope covers the owner unit sees it. Everyone else is told it does not exist.
/// </summary>
public sealed class LiaisonProblems(NpgsqlDataSource db, TimeProvider clock)
{
    sealed record Row(
        long Id, long PointId, int Year, string Leader, string Community, string CommunityName, long VisitId, string Description,
        string OwnerUnitCode, string OwnerUnitName, string OwnerKind, string OwnerPath, string? StreetCode, string? DistrictCode,
        string? OwnerSecretary, string? StreetSecretary, string? DistrictSecretary, DateOnly DueOn, DateTimeOffset DueAt, string Status,
        DateTimeOffset? EscalatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? ResolutionNote, bool PointVisible)
    {
        public OrgUnitKind Kind => Enum.Parse<OrgUnitKind>(OwnerKind);
        public ParticipantUnits Owner => new(OwnerUnitCode, OwnerPath, StreetCode, DistrictCode, OwnerSecretary, StreetSecretary, DistrictSecretary);
        public bool CanResolve(Caller caller) => PointVisible || ProblemOwners.Answers(caller, Kind, Owner);
        public bool CanSee(Caller caller) => PointVisible || ProblemOwners.CanSee(caller, Kind, Owner);
    }

    static readonly string Select = $"""
        select q.id, q.point_id, p.year, lu.username as leader, c.code as community, c.name as community_name, q.visit_id, q.description,
               o.code as owner_unit_code, o.name as owner_unit_name, o.kind as owner_kind, o.path as owner_path,
               os.code as street_code, od.code as district_code,
               ou.username as owner_secretary, osu.username as street_secretary, odu.username as district_secretary,
               q.due_on, q.due_at, q.status, q.escalated_at, q.resolved_at, q.resolved_by, q.resolution_note,
               {LiaisonStandings.Visible} as point_visible
        from liaison_problem q
        join liaison_point p on p.id = q.point_id
        join app_user lu on lu.id = p.leader_user_id
        join org_unit c on c.id = p.community_id
        join org_unit o on o.id = q.owner_unit_id
        {Organisation.OrgUnitLine.Joins("o", "os", "od", "ou", "osu", "odu")}
        """;

    // ProblemOwners.CanSee in SQL: role holders who answer for the owner are all within a scope covering it, so
    // beyond the scopes only the secretaries of ProblemOwners.AudiencesFor need naming.
    const string OwnerVisible = """
        (o.path like any(@scopes)
         or o.kind in ('Community', 'SeatedUnit') and o.secretary_user_id = @userId
         or (o.kind = 'Street' or o.kind = 'SeatedUnit' and o.street_id is not null) and os.secretary_user_id = @userId
         or (o.kind = 'District' or o.kind = 'SeatedUnit' and o.street_id is null) and od.secretary_user_id = @userId)
        """;

    /// <summary>The problems the caller owns or sees, open ones first, earliest due first; optionally of one status.</summary>
    public async Task<IReadOnlyList<LiaisonProblemView>> ListAsync(string? status, LiaisonPage page, Caller caller, CancellationToken ct)
    {
        ProblemStatus? wanted = null;
        if (status is not null)
            wanted = EnumText.TryParse<ProblemStatus>(status, out var parsed) ? parsed
                : throw new RuleViolationException("/status", Say.Text($"status must be one of {EnumText.Expected<ProblemStatus>()}.", $"状态（status）应为以下之一：{EnumText.Expected<ProblemStatus>()}。"));
        var parameters = Parameters(caller);
        parameters.AddDynamicParams(new { status = wanted?.ToString(), page.Limit, page.Offset });
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {Select}
            where (@status::text is null or q.status = @status)
              and ({LiaisonStandings.Visible} or {OwnerVisible})
            order by q.status = 'Resolved', q.due_at, q.id
            limit @limit offset @offset
            """, parameters, cancellationToken: ct));
        var now = clock.GetUtcNow();
        return rows.Select(r => View(r, caller, now)).ToList();
    }

    /// <summary>One problem; unknown, or neither owned nor seen by the caller → 404.</summary>
    public async Task<LiaisonProblemView> GetAsync(long problemId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await LoadAsync(connection, null, problemId, caller, ct);
        return View(row, caller, clock.GetUtcNow());
    }

    /// <summary>
    /// Row-locks a problem of the point for a change (the point first, as every liaison command locks it): 404 unless
    /// the caller sees it, 403 unless they are the point's people or answer for its owner.
    /// </summary>
    internal static async Task<(long PointId, string Status)> LockForChangeAsync(NpgsqlTransaction tx, long pointId, long problemId, Caller caller, CancellationToken ct)
    {
        await tx.Connection!.ExecuteAsync(new CommandDefinition("select 1 from liaison_point where id = @pointId for update", new { pointId }, tx, cancellationToken: ct));
        var row = await LoadAsync(tx.Connection!, tx, problemId, caller, ct, "for update of q");
        if (row.PointId != pointId)
            throw new NotFoundException(Say.Text($"Liaison point {pointId} has no problem {problemId}.", $"联系点 {pointId} 没有问题 {problemId}。"));
        if (!row.CanResolve(caller))
            throw new ForbiddenException(Say.Text($"Only the point's leader and work group, or whoever answers for {row.OwnerUnitCode}, may change problem {problemId}.", $"只有联系点的联系领导及工作组，或 {row.OwnerUnitCode} 的负责人员，才能修改问题 {problemId}。"));
        return (row.PointId, row.Status);
    }

    static async Task<Row> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long problemId, Caller caller, CancellationToken ct, string locking = "")
    {
        var parameters = Parameters(caller);
        parameters.Add("problemId", problemId);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} where q.id = @problemId {locking}", parameters, tx, cancellationToken: ct));
        if (row is null || !row.CanSee(caller))
            throw new NotFoundException(Say.Text($"Liaison problem {problemId} was not found.", $"未找到联系点问题 {problemId}。"));
        return row;
    }

    static DynamicParameters Parameters(Caller caller)
    {
        var parameters = LiaisonStandings.VisibleTo(caller);
        parameters.AddDynamicParams(new { scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray() });
        return parameters;
    }

    static LiaisonProblemView View(Row r, Caller caller, DateTimeOffset now) => new(
        r.Id, r.PointId, r.Year, r.Leader, r.Community, r.CommunityName, r.VisitId, r.Description, r.OwnerUnitCode, r.OwnerUnitName, r.DueOn, r.DueAt,
        Enum.Parse<ProblemStatus>(r.Status), r.Status == nameof(ProblemStatus.Open) && r.DueAt < now, r.EscalatedAt is not null,
        r.ResolvedAt, r.ResolvedBy, r.ResolutionNote, r.CanResolve(caller));
}
