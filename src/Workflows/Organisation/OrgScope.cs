using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Organisation;

/// <summary>The subtree a list or report is limited to (<c>scopeCode</c>), read the same way everywhere.</summary>
public static class OrgScope
{
    /// <summary>
    /// The subtree under <paramref name="scopeCode"/> as a LIKE pattern; null when no code is given; a unit unknown
    /// or outside the caller's scope → 404 (whether it exists elsewhere is not told).
    /// </summary>
    public static async Task<string?> PrefixAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string? scopeCode, Caller caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(scopeCode)) return null;
        var path = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select path from org_unit where code = @code", new { code = scopeCode.Trim() }, tx, cancellationToken: ct));
        if (path is null || !caller.CanSee(path))
            throw new NotFoundException(Say.Text($"Org unit '{scopeCode}' was not found.", $"未找到组织单位“{scopeCode}”。"));
        return Like.Prefix(path);
    }
}
