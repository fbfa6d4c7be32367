using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Organisation;

/// <summary>Reading the organisation tree within a caller's scope, and naming each unit's secretary.</summary>
public sealed class OrgUnits(NpgsqlDataSource db, CommandRunner commands, CommunityWorkflowsOptions options)
{
    public const int MaxPageSize = 5000;

    const string SelectUnits = """
        select u.code, u.name, u.kind, p.code as parent_code, u.party_org_level, u.member_count, u.path,
               s.username as secretary_username, s.display_name as secretary_display_name
        from org_unit u
        left join org_unit p on p.id = u.parent_id
        left join app_user s on s.id = u.secretary_user_id
        """;

    public async Task<OrgUnitView> GetAsync(string code, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UnitRow>(new CommandDefinition(
            SelectUnits + " where u.code = @code", new { code }, cancellationToken: ct));
        if (row is null || !caller.CanSee(row.Path))
            throw new NotFoundException(Say.Text($"Org unit '{code}' was not found.", $"未找到组织单位“{code}”。"));
        return ToView(row);
    }

    /// <summary>Units under <paramref name="parentCode"/> (or anywhere in scope), optionally of one kind, ordered by code.</summary>
    public async Task<IReadOnlyList<OrgUnitView>> ListAsync(string? parentCode, OrgUnitKind? kind, int limit, int offset, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (parentCode is not null)
        {
            var parentPath = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select path from org_unit where code = @parentCode", new { parentCode }, cancellationToken: ct));
            if (parentPath is null || !caller.CanSee(parentPath))
                throw new NotFoundException(Say.Text($"Org unit '{parentCode}' was not found.", $"未找到组织单位“{parentCode}”。"));
        }
        var scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray();
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(
            SelectUnits + """
                 where (@parentCode::text is null or p.code = @parentCode)
                   and (@kind::text is null or u.kind = @kind)
                   and (@all or u.path like any(@scopes))
                 order by u.code
                 limit @limit offset @offset
                """,
            new { parentCode, kind = kind?.ToString(), all = caller.IsSystemAdmin, scopes, limit, offset }, cancellationToken: ct));
        return rows.Select(ToView).ToList();
    }

    /// <summary>Names the unit's secretary (null clears it); only an administrator over the unit may do so.</summary>
    public async Task<OrgUnitView> SetSecretaryAsync(string code, string? username, Caller caller, CancellationToken ct)
    {
        await commands.RunAsync(caller, scope => SetSecretaryInAsync(scope, code, username, caller), ct);
        return await GetAsync(code, caller, ct);
    }

    static async Task SetSecretaryInAsync(CommandScope scope, string code, string? username, Caller caller)
    {
        var u = await scope.SingleOrDefaultAsync<UnitKey>("select id, path from org_unit where code = @code for update", new { code });
        if (u is null || !caller.CanSee(u.Path))
            throw new NotFoundException(Say.Text($"Org unit '{code}' was not found.", $"未找到组织单位“{code}”。"));
        if (!caller.Holds(u.Path, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator over this unit may name its secretary.", "只有系统管理员或管辖该单位的区级管理员才能指定其书记。"));
        long? userId = null;
        if (username is not null)
        {
            // only someone holding a role inside the caller's scope: a user the caller cannot see answers like an unknown one
            var candidates = await scope.QueryAsync<(long Id, string? Path)>(
                """
                select u.id, o.path from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
                where u.username = @username
                """, new { username = AccountRules.NormaliseUsername(username) });
            userId = candidates.Where(c => caller.IsSystemAdmin || c.Path is not null && caller.CanSee(c.Path)).Select(c => (long?)c.Id).FirstOrDefault()
                ?? throw new RuleViolationException("/username", Say.Text($"Unknown user '{username}'.", $"未知用户“{username}”。"));
        }
        await scope.ExecuteAsync("update org_unit set secretary_user_id = @userId, updated_at = @now where id = @id", new { userId, now = scope.Now, id = u.Id });
        scope.Journal(new JournalDraft(JournalStreams.Organisation, "SecretarySet", code, new { username }));
    }

    OrgUnitView ToView(UnitRow r)
    {
        var kind = Enum.Parse<OrgUnitKind>(r.Kind);
        var secretary = r.SecretaryUsername is null
            ? null
            : new SecretaryView(r.SecretaryUsername, r.SecretaryDisplayName!, Responsibilities.OfSecretary(kind)?.ToString());
        return new OrgUnitView(r.Code, r.Name, kind, r.ParentCode,
            r.PartyOrgLevel is null ? null : Enum.Parse<PartyOrgLevel>(r.PartyOrgLevel), r.MemberCount, secretary,
            options.PartyOrgThresholds.Suggest(r.MemberCount));
    }

    sealed record UnitKey(long Id, string Path);

    sealed record UnitRow(
        string Code, string Name, string Kind, string? ParentCode, string? PartyOrgLevel, int? MemberCount, string Path,
        string? SecretaryUsername, string? SecretaryDisplayName);
}
