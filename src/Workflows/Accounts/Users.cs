using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>People and the roles they hold, each role scoped to an org unit and its subtree.</summary>
public sealed class Users(NpgsqlDataSource db, EventJournal journal, TimeProvider clock, PasswordHasher<string> hasher, ILogger<Users> logger)
{
    public const string BootstrapAdminUsername = "admin";

    /// <summary>
    /// Creates a user. <paramref name="caller"/> null means a trusted local operator (the CLI); otherwise
    /// a SystemAdmin may grant anything and a DistrictAdmin any role but SystemAdmin inside its scope.
    /// </summary>
    public async Task<UserView> CreateAsync(NewUser user, Caller? caller, CancellationToken ct)
    {
        if (caller is not null && !caller.Grants.Any(g => g.Role is Role.SystemAdmin or Role.DistrictAdmin))
            throw new ForbiddenException("Only a system administrator or a district administrator may create users.");
        var errors = AccountRules.Check(user.Username, user.Password, user.DisplayName).ToList();

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // the units' kinds stay as read until the roles are in: an import changing a kind waits (and then sees them)
        await connection.ExecuteAsync(new CommandDefinition(
            $"select pg_advisory_xact_lock_shared({Organisation.OrgImport.ImportLockKey})", transaction: tx, cancellationToken: ct));
        var grants = await ResolveRolesAsync(tx, user.Roles, caller, errors, ct);
        if (errors.Count > 0)
            throw new RuleViolationException(errors, "The user could not be created.");

        var username = AccountRules.NormaliseUsername(user.Username!);
        var displayName = string.IsNullOrWhiteSpace(user.DisplayName) ? username : user.DisplayName.Trim();
        var now = clock.GetUtcNow();
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            insert into app_user (username, display_name, password_hash, created_at)
            values (@username, @displayName, @hash, @now)
            on conflict (username) do nothing
            returning id
            """, new { username, displayName, hash = hasher.HashPassword(username, user.Password!), now }, tx, cancellationToken: ct))
            ?? throw new ConflictException($"User '{username}' already exists.");
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into user_role (user_id, role, org_unit_id) select @id, r, u from unnest(@roles, @units) as t(r, u) on conflict do nothing",
            new { id, roles = grants.Select(g => g.Role.ToString()).ToArray(), units = grants.Select(g => g.UnitId).ToArray() }, tx, cancellationToken: ct));
        var roles = grants.Select(g => new RoleView(g.Role, g.Code)).Distinct().ToList();
        await journal.AppendAsync(tx, now, caller?.Username ?? "(cli)",
            [new JournalDraft(JournalStreams.Accounts, "UserCreated", username, new { displayName, roles })], ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("User {Username} created by {Actor} with {RoleCount} roles", username, caller?.Username ?? "(cli)", roles.Count);
        return new UserView(username, displayName, roles, now, LeaderLevelOf(grants.Select(g => (g.Role, g.Kind))));
    }

    /// <summary>A leader's level comes from the units of their Leader roles (<see cref="LeaderLevels"/>); it is not stored twice.</summary>
    static LeaderLevel? LeaderLevelOf(IEnumerable<(Role Role, OrgUnitKind? Kind)> grants) =>
        LeaderLevels.Of(grants.Where(g => g.Role == Role.Leader && g.Kind is not null).Select(g => g.Kind!.Value));

    async Task<List<(Role Role, string? Code, long? UnitId, OrgUnitKind? Kind)>> ResolveRolesAsync(
        NpgsqlTransaction tx, IReadOnlyList<RoleAssignment>? requested, Caller? caller, List<FieldError> errors, CancellationToken ct)
    {
        var resolved = new List<(Role, string?, long?, OrgUnitKind?)>();
        if (requested is not { Count: > 0 })
        {
            errors.Add(new("/roles", "At least one role is required."));
            return resolved;
        }
        var codes = requested.Select(r => r?.OrgUnitCode?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct().ToArray();
        var units = (await tx.Connection!.QueryAsync<(long Id, string Code, string Kind, string Path)>(new CommandDefinition(
            "select id, code, kind, path from org_unit where code = any(@codes)", new { codes }, tx, cancellationToken: ct)))
            .ToDictionary(u => u.Code, StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var at = $"/roles/{i}";
            if (requested[i] is null)
            {
                errors.Add(new(at, "A role is an object {role, orgUnitCode}, not null."));
                continue;
            }
            var (roleText, code) = (requested[i].Role?.Trim(), requested[i].OrgUnitCode?.Trim());
            if (!EnumText.TryParse<Role>(roleText, out var role))
            {
                errors.Add(new($"{at}/role", $"Unknown role '{roleText}'; expected one of {EnumText.Expected<Role>()}."));
                continue;
            }
            if (role == Role.SystemAdmin)
            {
                if (!string.IsNullOrEmpty(code))
                    errors.Add(new($"{at}/orgUnitCode", "A SystemAdmin holds the role over the whole installation; leave orgUnitCode empty."));
                else if (caller is { IsSystemAdmin: false })
                    errors.Add(new($"{at}/role", "Only a system administrator may grant SystemAdmin."));
                else
                    resolved.Add((role, null, null, null));
                continue;
            }
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new($"{at}/orgUnitCode", $"A {role} role needs the org unit it covers."));
                continue;
            }
            if (!units.TryGetValue(code, out var unit) || caller is not null && !caller.Holds(unit.Path, Role.DistrictAdmin))
            {
                errors.Add(new($"{at}/orgUnitCode", $"Unknown org unit '{code}'."));
                continue;
            }
            var allowed = RolePlacement.AllowedAt(role);
            var kind = Enum.Parse<OrgUnitKind>(unit.Kind);
            if (!allowed.Contains(kind))
            {
                errors.Add(new($"{at}/orgUnitCode", $"A {role} is held at a {string.Join(" or ", allowed)}, not at a {unit.Kind}."));
                continue;
            }
            resolved.Add((role, code, unit.Id, kind));
        }
        return resolved;
    }

    /// <summary>On an installation without any user, creates <c>admin</c> as SystemAdmin; otherwise does nothing.</summary>
    public async Task<bool> BootstrapAdminAsync(string password, CancellationToken ct)
    {
        await using (var connection = await db.OpenConnectionAsync(ct))
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from app_user)", cancellationToken: ct)))
                return false;
        try
        {
            await CreateAsync(new NewUser(BootstrapAdminUsername, password, "系统管理员", [new RoleAssignment(nameof(Role.SystemAdmin), null)]), null, ct);
            return true;
        }
        catch (ConflictException)
        {
            return false; // another host bootstrapped it at the same moment
        }
    }

    /// <summary>
    /// The person named, as a caller, without a password: for the host's own tools (seeding, simulation,
    /// benchmarks) acting on someone's behalf. Never reachable from the API.
    /// </summary>
    public async Task<Caller> ActAsAsync(string username, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CallerLoader.LoadAsync(connection, "app_user u {roles} where u.username = @username",
            new { username = AccountRules.NormaliseUsername(username) }, ct) ?? throw new NotFoundException($"User '{username}' was not found.");
    }

    public async Task<UserView> GetAsync(string username, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(string Username, string DisplayName, DateTimeOffset CreatedAt, string? Role, string? Code, string? Path, string? Kind)>(
            new CommandDefinition(
                """
                select u.username, u.display_name, u.created_at, r.role, o.code, o.path, o.kind
                from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
                where u.username = @username
                """, new { username = AccountRules.NormaliseUsername(username) }, cancellationToken: ct))).ToList();
        // a user is visible to oneself, to a SystemAdmin, and to anyone whose scope covers one of the user's roles
        if (rows.Count == 0 || !(caller.IsSystemAdmin || rows[0].Username == caller.Username || rows.Any(r => r.Path is not null && caller.CanSee(r.Path))))
            throw new NotFoundException($"User '{username}' was not found.");
        // roles held outside the caller's scope are not the caller's business
        var roles = rows.Where(r => r.Role is not null && (caller.IsSystemAdmin || rows[0].Username == caller.Username || r.Path is not null && caller.CanSee(r.Path)))
            .Select(r => new RoleView(Enum.Parse<Role>(r.Role!), r.Code)).ToList();
        var level = LeaderLevelOf(rows.Where(r => r.Role is not null && r.Kind is not null)
            .Select(r => (Enum.Parse<Role>(r.Role!), (OrgUnitKind?)Enum.Parse<OrgUnitKind>(r.Kind!))));
        return new UserView(rows[0].Username, rows[0].DisplayName, roles, rows[0].CreatedAt, level);
    }
}
