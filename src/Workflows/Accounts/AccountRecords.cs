using System.ComponentModel.DataAnnotations;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>A role to grant: its name and the org unit it covers (none for a SystemAdmin).</summary>
public sealed record RoleAssignment(string? Role, string? OrgUnitCode = null);

/// <summary>A person to create; every field is checked and reported by name.</summary>
public sealed record NewUser(string? Username, string? Password, string? DisplayName = null, [property: Required] IReadOnlyList<RoleAssignment>? Roles = null);

/// <summary>
/// A person, their roles, and — for a leader — their level, read from the units of their Leader roles. To those who
/// administer the account: whether it is <paramref name="Disabled"/>, and the end of the latest lock in force against
/// it from any address (<paramref name="LockedUntil"/>); both null for everyone else.
/// </summary>
public sealed record UserView(
    string Username, string DisplayName, IReadOnlyList<RoleView> Roles, DateTimeOffset CreatedAt, LeaderLevel? LeaderLevel = null,
    bool? Disabled = null, DateTimeOffset? LockedUntil = null);

public sealed record RoleView(Role Role, string? OrgUnitCode);

/// <summary>An issued bearer token; only its SHA-256 is stored.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);
