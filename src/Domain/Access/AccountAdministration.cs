namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// Who sees an account and who administers it (disables, enables, resets its password, unlocks, signs out, changes
/// its roles), from the roles it holds.
/// </summary>
public static class AccountAdministration
{
    /// <summary>Oneself, a SystemAdmin, and anyone whose scope covers one of the account's roles.</summary>
    public static bool CanSee(Caller caller, string username, IReadOnlyCollection<RoleGrant> roles) =>
        caller.IsSystemAdmin || username == caller.Username || roles.Any(r => r.ScopePath is not null && caller.CanSee(r.ScopePath));

    /// <summary>
    /// A SystemAdmin administers everyone. A DistrictAdmin administers a person whose every role lies in a district
    /// (or city) it administers — and a DistrictAdmin role strictly beneath it: a peer administrator of the same
    /// unit, whose password it could otherwise reset to act in their name, is left to an administrator above both.
    /// No one else administers anyone; an account holding no role is a SystemAdmin's.
    /// </summary>
    public static bool CanAdminister(Caller caller, IReadOnlyCollection<RoleGrant> roles) =>
        caller.IsSystemAdmin || roles.Count > 0 && roles.All(r => r.ScopePath is { } path && caller.Grants.Any(g =>
            g is { Role: Role.DistrictAdmin, ScopePath: { } scope } && g.Covers(path) && (r.Role != Role.DistrictAdmin || path.Length > scope.Length)));
}
