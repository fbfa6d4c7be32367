using CommunityWorkflows.Domain.Access;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>Reads a person and every role they hold, with the path of each role's unit, into a <see cref="Caller"/>.</summary>
static class CallerLoader
{
    /// <param name="from">The rows that pick the user <c>u</c> (an <c>app_user u</c>, joined from anything, with its where clause).</param>
    public static async Task<Caller?> LoadAsync(NpgsqlConnection connection, string from, object parameters, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(long Id, string Username, string? Role, string? Code, string? Path)>(new CommandDefinition(
            $"""
            select u.id, u.username, r.role, o.code, o.path
            from {from}
            """.Replace("{roles}", "left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id"),
            parameters, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return null;
        var grants = rows.Where(r => r.Role is not null).Select(r => new RoleGrant(Enum.Parse<Role>(r.Role!), r.Code, r.Path)).ToList();
        return new Caller(rows[0].Id, rows[0].Username, grants);
    }
}
