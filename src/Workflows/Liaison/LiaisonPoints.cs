using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// Setting up liaison points (办点示范): a leader's community for a year with its work group, backing unit and
/// targets; adding targets and recording their progress. Each command is one transaction with its journal entry.
/// </summary>
public sealed class LiaisonPoints(
    CommandRunner commands, LiaisonQueries queries, CommunityWorkflowsOptions options, ILogger<LiaisonPoints> logger)
{
    sealed record LeaderRole(long Id, string Username, string Kind, string Path);

    sealed record UnitRow(long Id, string Code, string Kind, string Path, string? DistrictPath);

    sealed record TargetRow(long Id, string Code, int Progress);

    /// <summary>What a new point refers to, once every reference has been checked.</summary>
    sealed record PointReferences(long LeaderId, string Leader, UnitRow Community, UnitRow BackingUnit, long?[] MemberUserIds);

    public async Task<LiaisonPointDetail> CreateAsync(LiaisonPointInput input, Caller caller, CancellationToken ct)
    {
        var errors = LiaisonPointRules.CheckPoint(input, out var targets).ToList();
        var (pointId, leader, community) = await commands.RunAsync(caller, scope => CreateInAsync(scope, input, targets, errors, caller), ct);
        logger.LogInformation("Liaison point {PointId} set up for {Leader} at {Community} ({Year}) by {Actor}", pointId, leader, community, input.Year, caller.Username);
        return await queries.GetAsync(pointId, caller, ct);
    }

    async Task<(long PointId, string Leader, string Community)> CreateInAsync(
        CommandScope scope, LiaisonPointInput input, IReadOnlyList<TargetPlan> targets, List<FieldError> errors, Caller caller)
    {
        var refs = await CheckReferencesAsync(scope.Transaction, input, caller, errors, scope.Cancellation);
        if (refs is null || errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The liaison point could not be set up.", "无法设立该联系点。"));

        var now = scope.Now;
        var year = input.Year!.Value;
        var startedOn = VisitClock.StartedOn(ChinaTime.DateOf(now), year);
        var pointId = await scope.SingleOrDefaultAsync<long?>(
            """
            insert into liaison_point (leader_user_id, community_id, year, backing_unit_id, started_on, created_at, created_by)
            values (@leaderId, @communityId, @year, @backingId, @startedOn, @now, @by)
            on conflict (leader_user_id, community_id, year) do nothing
            returning id
            """, new { refs.LeaderId, communityId = refs.Community.Id, year, backingId = refs.BackingUnit.Id, startedOn, now, by = caller.Username })
            ?? throw new ConflictException(Say.Text($"{refs.Leader} already has a {year} liaison point at {refs.Community.Code}.", $"{refs.Leader} 在 {refs.Community.Code} 已有 {year} 年度的联系点。"));
        var group = input.WorkGroup!.Select((m, i) => new { name = m.Name!.Trim(), role = m.Role!.Trim(), userId = refs.MemberUserIds[i], fromBackingUnit = m.FromBackingUnit ?? false }).ToList();
        await scope.ExecuteAsync(
            """
            insert into liaison_work_group_member (point_id, ordinal, name, role, user_id, from_backing_unit)
            select @pointId, o, n, r, u, b from unnest(@ordinals, @names, @roles, @users, @fromBacking) as t(o, n, r, u, b)
            """,
            new
            {
                pointId, ordinals = Enumerable.Range(0, group.Count).ToArray(), names = group.Select(m => m.name).ToArray(),
                roles = group.Select(m => m.role).ToArray(), users = group.Select(m => m.userId).ToArray(), fromBacking = group.Select(m => m.fromBackingUnit).ToArray(),
            });
        await InsertTargetsAsync(scope, pointId, targets);
        await VisitDueTimers.ScheduleAsync(scope.Transaction, pointId, year, startedOn, null, ChinaTime.DateOf(now), options.Liaison.VisitDueAfterDays, fromFirst: true, scope.Cancellation);
        scope.Journal(new JournalDraft(JournalStreams.LiaisonPoint(pointId), "LiaisonPointCreated", refs.Community.Code, new
        {
            leader = refs.Leader, community = refs.Community.Code, year, backingUnit = refs.BackingUnit.Code,
            workGroup = input.WorkGroup!.Select(m => new { name = m.Name!.Trim(), role = m.Role!.Trim(), m.Username, fromBackingUnit = m.FromBackingUnit ?? false }),
            targets,
        }));
        return (pointId, refs.Leader, refs.Community.Code);
    }

    /// <summary>
    /// The leader, community, backing unit and work-group accounts named, each checked (errors by pointer); a
    /// caller who is neither the leader nor a district administrator over the community is refused (403).
    /// </summary>
    static async Task<PointReferences?> CheckReferencesAsync(NpgsqlTransaction tx, LiaisonPointInput input, Caller caller, List<FieldError> errors, CancellationToken ct)
    {
        var leader = await LeaderAsync(tx, input.LeaderUsername, caller, errors, ct);
        var community = await UnitAsync(tx, input.CommunityCode, ct);
        if (community is null || !caller.CanSee(community.Path))
        {
            if (!string.IsNullOrWhiteSpace(input.CommunityCode)) errors.Add(new("/communityCode", Say.Text($"Unknown org unit '{input.CommunityCode}'.", $"未知组织单位“{input.CommunityCode}”。")));
            community = null;
        }
        else if (community.Kind != nameof(OrgUnitKind.Community))
            errors.Add(new("/communityCode", Say.Text($"A liaison point is a community; '{community.Code}' is a {community.Kind}.", $"联系点须为社区；“{community.Code}”是{Say.Name(community.Kind.ToString())}。")));
        else if (leader is not null && !leader.Any(l => community.Path.StartsWith(l.Path, StringComparison.Ordinal)))
            errors.Add(new("/communityCode", Say.Text($"'{community.Code}' lies outside the area that {leader[0].Username} leads.", $"“{community.Code}”不在 {leader[0].Username} 的联系范围内。")));
        if (leader is not null && community is not null && !LiaisonAccess.CanCreate(caller, leader[0].Id, community.Path))
            throw new ForbiddenException(Say.Text("A liaison point is set up by its leader, or by a district administrator over its community.", "联系点须由联系领导本人，或管辖该社区的区级管理员设立。"));

        var backing = await UnitAsync(tx, input.BackingUnitCode, ct);
        var cityPaths = leader?.Where(l => l.Kind == nameof(OrgUnitKind.City)).Select(l => l.Path).ToList() ?? [];
        if (backing is null && !string.IsNullOrWhiteSpace(input.BackingUnitCode))
            errors.Add(new("/backingUnitCode", Say.Text($"Unknown org unit '{input.BackingUnitCode}'.", $"未知组织单位“{input.BackingUnitCode}”。")));
        else if (backing is not null && !LiaisonAccess.MayBack(Enum.Parse<OrgUnitKind>(backing.Kind), backing.Path, community?.DistrictPath, cityPaths))
            errors.Add(new("/backingUnitCode", Say.Text($"The backing unit is a unit seated in the community's district (or, for a city leader, in the city); '{backing.Code}' is not.", $"帮扶单位须为该社区所在区（市级领导为本市）的驻区单位；“{backing.Code}”不是。")));
        var members = await MemberUsersAsync(tx, input.WorkGroup, caller, errors, ct);
        return leader is null || community is null || backing is null ? null
            : new PointReferences(leader[0].Id, leader[0].Username, community, backing, members);
    }

    public async Task<TargetView> AddTargetAsync(long pointId, TargetInput input, Caller caller, CancellationToken ct)
    {
        var code = await commands.RunAsync(caller, async scope =>
        {
            var point = await LiaisonPointContext.LockAsync(scope.Transaction, pointId, caller, scope.Cancellation);
            var errors = new List<FieldError>();
            var target = LiaisonPointRules.CheckTarget(input, point.Year, "", errors);
            if (target is null)
                throw new RuleViolationException(errors, Say.Text("The target could not be added.", "无法添加该工作目标。"));
            if (await InsertTargetsAsync(scope, pointId, [target]) == 0)
                throw new ConflictException(Say.Text($"Liaison point {pointId} already has a target '{target.Code}'.", $"联系点 {pointId} 已有工作目标“{target.Code}”。"));
            scope.Journal(new JournalDraft(JournalStreams.LiaisonPoint(pointId), "TargetAdded", target.Code, target));
            return target.Code;
        }, ct);
        return (await queries.GetAsync(pointId, caller, ct)).Targets.Single(t => t.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Records a target's progress as a new history entry; the target shows the latest.</summary>
    public async Task<TargetView> RecordProgressAsync(long pointId, string code, TargetProgressInput input, Caller caller, CancellationToken ct)
    {
        var errors = LiaisonPointRules.CheckProgress(input);
        var stored = await commands.RunAsync(caller, scope => RecordProgressInAsync(scope, pointId, code, input, errors, caller), ct);
        return (await queries.GetAsync(pointId, caller, ct)).Targets.Single(t => t.Code == stored);
    }

    static async Task<string> RecordProgressInAsync(
        CommandScope scope, long pointId, string code, TargetProgressInput input, IReadOnlyList<FieldError> errors, Caller caller)
    {
        await LiaisonPointContext.LockAsync(scope.Transaction, pointId, caller, scope.Cancellation);
        var target = await scope.SingleOrDefaultAsync<TargetRow>(
            "select id, code, progress from liaison_target where point_id = @pointId and lower(code) = lower(@code) for update", new { pointId, code })
            ?? throw new NotFoundException(Say.Text($"Liaison point {pointId} has no target '{code}'.", $"联系点 {pointId} 没有工作目标“{code}”。"));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The progress could not be recorded.", "无法记录该进展。"));
        var now = scope.Now;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await scope.ExecuteAsync(
            """
            insert into liaison_target_progress (target_id, progress, note, recorded_at, recorded_by) values (@id, @progress, @note, @now, @by);
            update liaison_target set progress = @progress, updated_at = @now where id = @id;
            """, new { target.Id, input.Progress, note, now, by = caller.Username });
        scope.Journal(new JournalDraft(JournalStreams.LiaisonPoint(pointId), "TargetProgress", target.Code, new { from = target.Progress, to = input.Progress, note }));
        return target.Code;
    }

    static Task<int> InsertTargetsAsync(CommandScope scope, long pointId, IReadOnlyList<TargetPlan> targets) =>
        scope.ExecuteAsync(
            """
            insert into liaison_target (point_id, code, title, due_on, progress, created_at, updated_at)
            select @pointId, c, t, d, 0, @now, @now from unnest(@codes, @titles, @dues) as x(c, t, d)
            where not exists (select 1 from liaison_target e where e.point_id = @pointId and lower(e.code) = lower(x.c))
            on conflict (point_id, code) do nothing
            """,
            new { pointId, now = scope.Now, codes = targets.Select(t => t.Code).ToArray(), titles = targets.Select(t => t.Title).ToArray(), dues = targets.Select(t => t.DueOn).ToArray() });

    /// <summary>
    /// The named person's Leader roles (one row per role); null, with an error, when they hold none. Someone the
    /// caller cannot see is answered as no one at all (<see cref="LiaisonAccess.SeesUser"/>).
    /// </summary>
    static async Task<IReadOnlyList<LeaderRole>?> LeaderAsync(NpgsqlTransaction tx, string? username, Caller caller, List<FieldError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username)) return null;
        var person = (await UserRolesAsync(tx, [AccountRules.NormaliseUsername(username)], ct)).SingleOrDefault(u => LiaisonAccess.SeesUser(caller, u.Username, u.Paths));
        if (person is null)
        {
            errors.Add(new("/leaderUsername", Say.Text($"Unknown user '{username}'.", $"未知用户“{username}”。")));
            return null;
        }
        var roles = person.Roles.Where(r => r.Role == nameof(Role.Leader)).Select(r => new LeaderRole(person.Id, person.Username, r.Kind!, r.Path!)).ToList();
        if (roles.Count > 0) return roles;
        errors.Add(new("/leaderUsername", Say.Text($"'{username}' is not a leader (a user with a Leader role).", $"“{username}”不是联系领导（须具有 Leader 角色）。")));
        return null;
    }

    sealed record UserRoleRow(long Id, string Username, string? Role, string? Kind, string? Path);

    sealed record UserRoles(long Id, string Username, IReadOnlyList<UserRoleRow> Roles)
    {
        public IEnumerable<string?> Paths => Roles.Select(r => r.Path);
    }

    /// <summary>The named people with every role they hold and where (one entry per person found).</summary>
    static async Task<IReadOnlyList<UserRoles>> UserRolesAsync(NpgsqlTransaction tx, string[] usernames, CancellationToken ct) =>
        (await tx.Connection!.QueryAsync<UserRoleRow>(new CommandDefinition(
            """
            select u.id, u.username, r.role, o.kind, o.path
            from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
            where u.username = any(@usernames) order by u.username, o.path
            """, new { usernames }, tx, cancellationToken: ct)))
        .GroupBy(r => r.Id).Select(g => new UserRoles(g.Key, g.First().Username, g.Where(r => r.Role is not null).ToList())).ToList();

    static async Task<UnitRow?> UnitAsync(NpgsqlTransaction tx, string? code, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(code) ? null : await tx.Connection!.QuerySingleOrDefaultAsync<UnitRow>(new CommandDefinition(
            "select u.id, u.code, u.kind, u.path, d.path as district_path from org_unit u left join org_unit d on d.id = u.district_id where u.code = @code",
            new { code = code.Trim() }, tx, cancellationToken: ct));

    /// <summary>
    /// The accounts of the work-group members who name one (null for the others), in the members' order; an
    /// account the caller cannot see is unknown, or it would see the point and record its visits from outside.
    /// </summary>
    static async Task<long?[]> MemberUsersAsync(NpgsqlTransaction tx, IReadOnlyList<WorkGroupMemberInput>? group, Caller caller, List<FieldError> errors, CancellationToken ct)
    {
        if (group is null) return [];
        var names = group.Select(m => string.IsNullOrWhiteSpace(m?.Username) ? null : AccountRules.NormaliseUsername(m.Username)).ToArray();
        var known = (await UserRolesAsync(tx, names.OfType<string>().Distinct().ToArray(), ct))
            .Where(u => LiaisonAccess.SeesUser(caller, u.Username, u.Paths)).ToDictionary(u => u.Username, u => u.Id);
        var ids = new long?[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] is not { } name) continue;
            if (known.TryGetValue(name, out var id)) ids[i] = id;
            else errors.Add(new($"/workGroup/{i}/username", Say.Text($"Unknown user '{group[i].Username}'.", $"未知用户“{group[i].Username}”。")));
        }
        return ids;
    }
}
