using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// People and the roles they hold, each role scoped to an org unit and its subtree; their roles
/// (<c>Users.Roles.cs</c>) and what administrators do to accounts (<c>Users.Controls.cs</c>).
/// </summary>
public sealed partial class Users(
    NpgsqlDataSource db, CommandRunner commands, SecurityClock security, IPasswordHasher<string> hasher,
    LoginAttempts logins, ILogger<Users> logger)
{
    public const string BootstrapAdminUsername = "admin";

    /// <summary>
    /// Creates a user. <paramref name="caller"/> null means a trusted local operator (the CLI); otherwise
    /// a SystemAdmin may grant anything and a DistrictAdmin any role but SystemAdmin inside its scope.
    /// </summary>
    public async Task<UserView> CreateAsync(NewUser user, Caller? caller, CancellationToken ct)
    {
        if (caller is not null && !caller.Grants.Any(g => g.Role is Role.SystemAdmin or Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator may create users.", "只有系统管理员或区级管理员才能创建用户。"));
        var errors = AccountRules.Check(user.Username, user.Password, user.DisplayName).ToList();

        var created = await commands.RunAsync(caller, Actor(caller), scope => CreateInAsync(scope, user, caller, errors), ct);
        logger.LogInformation("User {Username} created by {Actor} with {RoleCount} roles", created.Username, Actor(caller), created.Roles.Count);
        return created;
    }

    async Task<UserView> CreateInAsync(CommandScope scope, NewUser user, Caller? caller, List<FieldError> errors)
    {
        await HoldUnitKindsAsync(scope);
        var grants = await ResolveRolesAsync(scope, user.Roles, caller, errors, i => $"/roles/{i}");
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The user could not be created.", "无法创建该用户。"));

        var username = AccountRules.NormaliseUsername(user.Username!);
        var displayName = string.IsNullOrWhiteSpace(user.DisplayName) ? username : user.DisplayName.Trim();
        var now = scope.Now;
        var id = await scope.SingleOrDefaultAsync<long?>(
            """
            insert into app_user (username, display_name, password_hash, created_at)
            values (@username, @displayName, @hash, @now)
            on conflict (username) do nothing
            returning id
            """, new { username, displayName, hash = hasher.HashPassword(username, user.Password!), now })
            ?? throw new ConflictException(Say.Text($"User '{username}' already exists.", $"用户“{username}”已存在。"));
        await scope.ExecuteAsync(
            "insert into user_role (user_id, role, org_unit_id) select @id, r, u from unnest(@roles, @units) as t(r, u) on conflict do nothing",
            new { id, roles = grants.Select(g => g.Role.ToString()).ToArray(), units = grants.Select(g => g.UnitId).ToArray() });
        var roles = grants.Select(g => new RoleView(g.Role, g.Code)).Distinct().ToList();
        scope.Journal(new JournalDraft(JournalStreams.Accounts, "UserCreated", username, new { displayName, roles }));
        return new UserView(username, displayName, roles, now, LeaderLevelOf(grants.Select(g => (g.Role, g.Kind))), Disabled: false);
    }

    /// <summary>
    /// The units' kinds stay as read until the command ends: an import changing a kind waits for the roles being granted
    /// (and then sees them).
    /// </summary>
    static Task HoldUnitKindsAsync(CommandScope scope) =>
        scope.ExecuteAsync($"select pg_advisory_xact_lock_shared({Organisation.OrgImport.ImportLockKey})");

    /// <summary>A leader's level comes from the units of their Leader roles (<see cref="LeaderLevels"/>); it is not stored twice.</summary>
    static LeaderLevel? LeaderLevelOf(IEnumerable<(Role Role, OrgUnitKind? Kind)> grants) =>
        LeaderLevels.Of(grants.Where(g => g.Role == Role.Leader && g.Kind is not null).Select(g => g.Kind!.Value));

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
            new { username = AccountRules.NormaliseUsername(username) }, ct) ?? throw new NotFoundException(Say.Text($"User '{username}' was not found.", $"未找到用户“{username}”。"));
    }

    /// <summary>A user the caller can see, with the roles in the caller's scope; to those who administer the account, whether it is disabled or locked.</summary>
    public Task<UserView> GetAsync(string username, Caller caller, CancellationToken ct) => ViewAsync(username, caller, ct);

    /// <param name="caller">null: a trusted local operator, who sees everything.</param>
    async Task<UserView> ViewAsync(string username, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ViewAsync(connection, username, caller, ct);
    }

    /// <param name="caller">null: a trusted local operator, who sees everything.</param>
    async Task<UserView> ViewAsync(NpgsqlConnection connection, string username, Caller? caller, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(long Id, string Username, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? Role, string? Code, string? Path, string? Kind)>(
            new CommandDefinition(
                """
                select u.id, u.username, u.display_name, u.created_at, u.disabled_at, r.role, o.code, o.path, o.kind
                from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
                where u.username = @username
                """, new { username = AccountRules.NormaliseUsername(username) }, cancellationToken: ct))).ToList();
        var held = rows.Where(r => r.Role is not null).ToList();
        var grants = held.Select(r => new RoleGrant(Enum.Parse<Role>(r.Role!), r.Code, r.Path)).ToList();
        if (rows.Count == 0 || caller is not null && !AccountAdministration.CanSee(caller, rows[0].Username, grants))
            throw new NotFoundException(Say.Text($"User '{username}' was not found.", $"未找到用户“{username}”。"));
        var user = rows[0];
        // roles held outside the caller's scope are not the caller's business
        var everything = caller is null || caller.IsSystemAdmin || user.Username == caller.Username;
        var roles = held.Where(r => everything || r.Path is not null && caller!.CanSee(r.Path))
            .Select(r => new RoleView(Enum.Parse<Role>(r.Role!), r.Code)).ToList();
        var level = LeaderLevelOf(held.Where(r => r.Kind is not null)
            .Select(r => (Enum.Parse<Role>(r.Role!), (OrgUnitKind?)Enum.Parse<OrgUnitKind>(r.Kind!))));
        if (caller is not null && !AccountAdministration.CanAdminister(caller, grants))
            return new UserView(user.Username, user.DisplayName, roles, user.CreatedAt, level);
        return new UserView(user.Username, user.DisplayName, roles, user.CreatedAt, level,
            Disabled: user.DisabledAt is not null, LockedUntil: await LoginLocks.LockedUntilAsync(connection, user.Id, security.UtcNow, ct));
    }
}
