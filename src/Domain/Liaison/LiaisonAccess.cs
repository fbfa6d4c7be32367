using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Liaison;

/// <summary>
/// Who sees a liaison point, and so may record its visits, progress and problems: its leader, the members of
/// its work group who have an account, and district administrators over its community (a DistrictAdmin at the
/// city sees the city's). Everyone else is told it does not exist (404).
/// </summary>
public static class LiaisonAccess
{
    public static bool CanSee(Caller caller, long leaderUserId, IEnumerable<long> memberUserIds, string communityPath) =>
        caller.UserId == leaderUserId || memberUserIds.Contains(caller.UserId) || caller.Holds(communityPath, Role.DistrictAdmin);

    /// <summary>
    /// Whether the caller may learn that the account exists, by the rule of <c>GET /api/users/{username}</c>: oneself,
    /// a SystemAdmin, and anyone whose scope covers one of the account's roles. An account the caller cannot see
    /// is answered as an unknown one, so naming it in a point tells nothing.
    /// </summary>
    public static bool SeesUser(Caller caller, string username, IEnumerable<string?> rolePaths) =>
        caller.IsSystemAdmin || username == caller.Username || rolePaths.Any(p => p is not null && caller.CanSee(p));

    /// <summary>Who may set a point up: the leader for themselves, or a district administrator over the community.</summary>
    public static bool CanCreate(Caller caller, long leaderUserId, string communityPath) =>
        caller.UserId == leaderUserId || caller.Holds(communityPath, Role.DistrictAdmin);

    /// <summary>The paths under which the caller sees every point (DistrictAdmin grants); empty with <see cref="Caller.IsSystemAdmin"/> meaning all.</summary>
    public static IReadOnlyList<string> AdministeredPaths(Caller caller) =>
        caller.Grants.Where(g => g.Role == Role.DistrictAdmin && g.ScopePath is not null).Select(g => g.ScopePath!).Distinct().ToList();

    /// <summary>
    /// A backing unit is a unit seated in the community's district; a City leader may bring one from anywhere
    /// under the city they lead (a city bureau paired with a community).
    /// </summary>
    public static bool MayBack(OrgUnitKind kind, string path, string? communityDistrictPath, IEnumerable<string> cityLeaderPaths) =>
        kind == OrgUnitKind.SeatedUnit
        && (communityDistrictPath is not null && path.StartsWith(communityDistrictPath, StringComparison.Ordinal)
            || cityLeaderPaths.Any(c => path.StartsWith(c, StringComparison.Ordinal)));
}
