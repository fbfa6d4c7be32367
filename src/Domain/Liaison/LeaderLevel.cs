using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Liaison;

/// <summary>The tier a leader (市级/区级/街道领导) belongs to; the higher tiers sort first.</summary>
public enum LeaderLevel
{
    City,
    District,
    Street,
}

/// <summary>
/// A leader's level is not stored on the account: it is read from the units of their Leader roles, so a
/// leader moved to another post (a role granted elsewhere) changes level with it, and there is one truth.
/// </summary>
public static class LeaderLevels
{
    /// <summary>The highest tier among the units of the person's Leader roles; null for someone without one.</summary>
    public static LeaderLevel? Of(IEnumerable<OrgUnitKind> leaderUnitKinds)
    {
        LeaderLevel? highest = null;
        foreach (var kind in leaderUnitKinds)
            if (Of(kind) is { } level && (highest is null || level < highest))
                highest = level;
        return highest;
    }

    /// <summary>The same, from the kinds as a query lists them (<c>"City,Street"</c>).</summary>
    public static LeaderLevel? Of(string? leaderUnitKinds) =>
        Of((leaderUnitKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<OrgUnitKind>));

    /// <summary>The level a Leader role at a unit of <paramref name="kind"/> gives; null where a Leader cannot be held.</summary>
    public static LeaderLevel? Of(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.City => LeaderLevel.City,
        OrgUnitKind.District => LeaderLevel.District,
        OrgUnitKind.Street => LeaderLevel.Street,
        _ => null,
    };
}
