using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Microsoft.Extensions.Logging;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>Granting and removing roles of an existing account.</summary>
public sealed partial class Users
{
    /// <summary>
    /// Grants one more role, by an administrator of the account who may grant it (see <see cref="CreateAsync"/>);
    /// a role already held changes nothing.
    /// </summary>
    public async Task<UserView> AddRoleAsync(string username, RoleAssignment role, Caller? caller, CancellationToken ct)
    {
        var (name, granted, code, added) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            // as for a new user: the units' kinds stay as read until the role is in
            await HoldUnitKindsAsync(scope);
            var account = await AdministeredAsync(scope, username, caller);
            var errors = new List<FieldError>();
            var grants = await ResolveRolesAsync(scope, [role], caller, errors, _ => "");
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("The role could not be granted.", "无法授予该角色。"));
            var (granted, code, unitId, _) = grants[0];
            var added = await scope.ExecuteAsync(
                "insert into user_role (user_id, role, org_unit_id) values (@id, @role, @unitId) on conflict do nothing",
                new { id = account.Id, role = granted.ToString(), unitId }) > 0;
            if (added)
                scope.Journal(new JournalDraft(JournalStreams.Accounts, "RoleAdded", account.Username, new { role = granted, orgUnitCode = code }));
            return (account.Username, granted, code, added);
        }, ct);
        if (added)
            logger.LogInformation("Role {Role} at {OrgUnitCode} granted to {Username} by {Actor}", granted, code, name, Actor(caller));
        return await ViewAsync(name, caller, ct);
    }

    /// <summary>
    /// Takes a role away (<paramref name="spec"/> as <c>Leader@JC-DH</c>, or <c>SystemAdmin</c>) and ends the
    /// person's sessions. A role not held is 404; one's own roles and a person's last role stay (disable instead).
    /// </summary>
    public async Task<UserView> RemoveRoleAsync(string username, string spec, Caller? caller, CancellationToken ct)
    {
        var (name, role, code, sessionsEnded) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            var account = await AdministeredAsync(scope, username, caller);
            var (roleText, codeText) = RolePlacement.ParseSpec(spec);
            var code = string.IsNullOrEmpty(codeText) ? null : codeText;
            var held = EnumText.TryParse<Role>(roleText, out var role) ? account.Roles.FirstOrDefault(r => r.Role == role && r.OrgUnitCode == code) : null;
            if (held is null)
                throw new NotFoundException(Say.Text($"User '{account.Username}' holds no role '{spec}'.", $"用户“{account.Username}”没有角色“{spec}”。"));
            if (caller is not null && caller.Username == account.Username)
                throw new ForbiddenException(Say.Text("You cannot take away your own roles; another administrator can.", "不能撤销本人的角色，请由其他管理员操作。"));
            if (account.Roles.Count == 1)
                throw new ConflictException(Say.Text($"'{spec}' is the last role of '{account.Username}'; disable the account instead.", $"“{spec}”是用户“{account.Username}”的最后一个角色，如需撤销请改为停用该账号。"));
            await scope.ExecuteAsync(
                "delete from user_role where user_id = @id and role = @role and org_unit_id is not distinct from (select id from org_unit where code = @code)",
                new { id = account.Id, role = role.ToString(), code });
            var sessionsEnded = await Sessions.EndAllAsync(scope.Transaction, account.Id, scope.Cancellation);
            scope.Journal(new JournalDraft(JournalStreams.Accounts, "RoleRemoved", account.Username, new { role, orgUnitCode = code, sessionsEnded }));
            return (account.Username, role, code, sessionsEnded);
        }, ct);
        logger.LogInformation("Role {Role} at {OrgUnitCode} taken from {Username} by {Actor}; {Sessions} sessions ended", role, code, name, Actor(caller), sessionsEnded);
        return await ViewAsync(name, caller, ct);
    }

    /// <summary>
    /// The units of the roles asked for, each checked: a known role, at a unit of a kind it may be held at, that the
    /// caller (null: a local operator) may grant — a SystemAdmin anything, a DistrictAdmin any role but SystemAdmin in its scope.
    /// </summary>
    static async Task<List<(Role Role, string? Code, long? UnitId, OrgUnitKind? Kind)>> ResolveRolesAsync(
        CommandScope scope, IReadOnlyList<RoleAssignment>? requested, Caller? caller, List<FieldError> errors, Func<int, string> pointer)
    {
        var resolved = new List<(Role, string?, long?, OrgUnitKind?)>();
        if (requested is not { Count: > 0 })
        {
            errors.Add(new("/roles", Say.Text("At least one role is required.", "至少须有一个角色。")));
            return resolved;
        }
        var codes = requested.Select(r => r?.OrgUnitCode?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct().ToArray();
        var units = (await scope.QueryAsync<(long Id, string Code, string Kind, string Path)>(
            "select id, code, kind, path from org_unit where code = any(@codes)", new { codes }))
            .ToDictionary(u => u.Code, StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var at = pointer(i);
            if (requested[i] is null)
            {
                errors.Add(new(at, Say.Text("A role is an object {role, orgUnitCode}, not null.", "角色须为对象 {role, orgUnitCode}，不能为 null。")));
                continue;
            }
            var (roleText, code) = (requested[i].Role?.Trim(), requested[i].OrgUnitCode?.Trim());
            if (!EnumText.TryParse<Role>(roleText, out var role))
            {
                errors.Add(new($"{at}/role", Say.Text($"Unknown role '{roleText}'; expected one of {EnumText.Expected<Role>()}.", $"未知角色“{roleText}”，应为以下之一：{EnumText.Expected<Role>()}。")));
                continue;
            }
            if (role == Role.SystemAdmin)
            {
                if (!string.IsNullOrEmpty(code))
                    errors.Add(new($"{at}/orgUnitCode", Say.Text("A SystemAdmin holds the role over the whole installation; leave orgUnitCode empty.", "系统管理员的角色覆盖全系统，请勿填写 orgUnitCode。")));
                else if (caller is { IsSystemAdmin: false })
                    errors.Add(new($"{at}/role", Say.Text("Only a system administrator may grant SystemAdmin.", "只有系统管理员才能授予系统管理员角色。")));
                else
                    resolved.Add((role, null, null, null));
                continue;
            }
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new($"{at}/orgUnitCode", Say.Text($"A {role} role needs the org unit it covers.", $"{role}角色须指定其管辖的组织单位。")));
                continue;
            }
            if (!units.TryGetValue(code, out var unit) || caller is not null && !caller.Holds(unit.Path, Role.DistrictAdmin))
            {
                errors.Add(new($"{at}/orgUnitCode", Say.Text($"Unknown org unit '{code}'.", $"未知组织单位“{code}”。")));
                continue;
            }
            var allowed = RolePlacement.AllowedAt(role);
            var kind = Enum.Parse<OrgUnitKind>(unit.Kind);
            if (!allowed.Contains(kind))
            {
                errors.Add(new($"{at}/orgUnitCode", Say.Text($"A {role} is held at a {string.Join(" or ", allowed)}, not at a {unit.Kind}.", $"{role}只能设在{string.Join("或", allowed.Select(a => Say.Name(a.ToString())))}，不能设在{Say.Name(unit.Kind.ToString())}。")));
                continue;
            }
            resolved.Add((role, code, unit.Id, kind));
        }
        return resolved;
    }

}
