using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>One page of the accounts a caller can see, and how many there are in all under the same filter.</summary>
public sealed record UserPage(IReadOnlyList<UserView> Items, int Total);

/// <summary>The accounts list of the user administration: paged, searched and filtered in the database, within the caller's scope.</summary>
public sealed class UserQueries(NpgsqlDataSource db, SecurityClock security)
{
    public const int MaxPageSize = 200;

    /// <summary>Visible to the caller (a role inside its scope, or itself), matching the search and the role.</summary>
    const string Filter = """
        where (@all or u.username = @self or exists (
                  select 1 from user_role r join org_unit o on o.id = r.org_unit_id
                  where r.user_id = u.id and o.path like any(@scopes)))
          and (@text::text is null or u.username ilike @text or u.display_name ilike @text)
          and (@role::text is null or exists (
                  select 1 from user_role r left join org_unit o on o.id = r.org_unit_id
                  where r.user_id = u.id and r.role = @role and (@all or o.path like any(@scopes))))
        """;

    /// <summary>
    /// Accounts the caller can see (as <see cref="AccountAdministration.CanSee"/>), ordered by username: those whose
    /// username or display name contains <paramref name="search"/>, holding <paramref name="role"/> inside the
    /// caller's scope when given. Roles outside the caller's scope are left out; whether an account is disabled or
    /// locked is shown only to its administrators, as <see cref="Users.GetAsync"/> does.
    /// </summary>
    public async Task<UserPage> PageAsync(string? search, Role? role, int limit, int offset, Caller caller, CancellationToken ct)
    {
        Paging.Check(limit, offset, MaxPageSize);
        var text = string.IsNullOrWhiteSpace(search) ? null : "%" + Like.Prefix(search.Trim());
        var scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray();
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<AccountRow>(new CommandDefinition(
            """
            select u.id, u.username, u.display_name, u.created_at, u.disabled_at,
                   (select max(f.locked_until) from login_failure f where f.user_id = u.id and f.locked_until > @now) as locked_until,
                   count(*) over () as total
            from app_user u
            """ + "\n" + Filter + "\norder by u.username limit @limit offset @offset",
            new { all = caller.IsSystemAdmin, self = caller.Username, scopes, text, role = role?.ToString(), now = security.UtcNow, limit, offset },
            cancellationToken: ct))).ToList();
        if (rows.Count == 0)
            return new UserPage([], offset == 0 ? 0 : await CountAsync(connection, caller, scopes, text, role, ct));

        var roles = (await connection.QueryAsync<RoleRow>(new CommandDefinition(
            """
            select r.user_id, r.role, o.code, o.path, o.kind
            from user_role r left join org_unit o on o.id = r.org_unit_id
            where r.user_id = any(@ids)
            order by r.user_id, r.role, o.code
            """, new { ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: ct))).ToLookup(r => r.UserId);
        var items = rows.Select(r => View(r, roles[r.Id].ToList(), caller)).ToList();
        return new UserPage(items, (int)rows[0].Total);
    }

    static UserView View(AccountRow row, List<RoleRow> held, Caller caller)
    {
        var grants = held.Select(r => new RoleGrant(Enum.Parse<Role>(r.Role), r.Code, r.Path)).ToList();
        var everything = caller.IsSystemAdmin || row.Username == caller.Username;
        var roles = held.Where(r => everything || r.Path is not null && caller.CanSee(r.Path))
            .Select(r => new RoleView(Enum.Parse<Role>(r.Role), r.Code)).ToList();
        return AccountAdministration.CanAdminister(caller, grants)
            ? new UserView(row.Username, row.DisplayName, roles, row.CreatedAt, null, row.DisabledAt is not null, row.LockedUntil)
            : new UserView(row.Username, row.DisplayName, roles, row.CreatedAt);
    }

    /// <summary>The total for a page past the end, which brings no row to carry it.</summary>
    static Task<int> CountAsync(NpgsqlConnection connection, Caller caller, string[] scopes, string? text, Role? role, CancellationToken ct) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from app_user u\n" + Filter,
            new { all = caller.IsSystemAdmin, self = caller.Username, scopes, text, role = role?.ToString() }, cancellationToken: ct));

    sealed record AccountRow(long Id, string Username, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedUntil, long Total);

    sealed record RoleRow(long UserId, string Role, string? Code, string? Path, string? Kind);
}
