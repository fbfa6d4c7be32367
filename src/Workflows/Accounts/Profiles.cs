using CommunityWorkflows.Domain.Access;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>How a signed-in person is shown: their name, and each role with the unit it is held at.</summary>
public sealed record Profile(string Username, string DisplayName, IReadOnlyList<ProfileRole> Roles);

public sealed record ProfileRole(Role Role, string? OrgUnitCode, string? OrgUnitName);

/// <summary>The signed-in person's own profile: read by the page header, never someone else's.</summary>
public sealed class Profiles(NpgsqlDataSource db)
{
    public async Task<Profile> GetAsync(Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(string DisplayName, string? Role, string? Code, string? Name)>(new CommandDefinition(
            """
            select u.display_name, r.role, o.code, o.name
            from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
            where u.id = @id
            order by o.path nulls first, r.role
            """, new { id = caller.UserId }, cancellationToken: ct))).ToList();
        var name = rows.Select(r => r.DisplayName).FirstOrDefault() ?? caller.Username;
        return new Profile(caller.Username, string.IsNullOrWhiteSpace(name) ? caller.Username : name,
            rows.Where(r => r.Role is not null).Select(r => new ProfileRole(Enum.Parse<Role>(r.Role!), r.Code, r.Name)).ToList());
    }
}
