namespace CommunityWorkflows.Domain.Access;

/// <summary>The authenticated person behind a request, with every role they hold and where.</summary>
public sealed record Caller(long UserId, string Username, IReadOnlyList<RoleGrant> Grants)
{
    public bool IsSystemAdmin => Grants.Any(g => g.Role == Role.SystemAdmin && g.ScopePath is null);

    /// <summary>Whether any of the caller's roles reaches the unit at <paramref name="path"/>.</summary>
    public bool CanSee(string path) => Grants.Any(g => g.Covers(path));

    /// <summary>Whether the caller holds one of <paramref name="roles"/> at or above the unit at <paramref name="path"/>.</summary>
    public bool Holds(string path, params Role[] roles) =>
        Grants.Any(g => (roles.Contains(g.Role) || g.Role == Role.SystemAdmin && g.ScopePath is null) && g.Covers(path));

    /// <summary>The scope paths the caller can see; empty with <see cref="IsSystemAdmin"/> meaning everything.</summary>
    public IReadOnlyList<string> VisiblePaths() =>
        IsSystemAdmin ? [] : Grants.Where(g => g.ScopePath is not null).Select(g => g.ScopePath!).Distinct().ToList();
}
