using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// Who may change a template and where it may be launched, by its owner: the org unit whose administrators edit and
/// publish it, or the installation (a null owner: the city's shipped templates), which only a system administrator
/// or a district administrator held at a City edits. Units are compared by their materialised paths ('/C/D1/'), as
/// every scope check is.
/// </summary>
public static class TemplateOwnership
{
    /// <summary>Whether the caller writes templates at all: a system administrator, or a district administrator anywhere.</summary>
    public static bool MayWrite(Caller caller) => caller.IsSystemAdmin || caller.Grants.Any(g => g.Role == Role.DistrictAdmin);

    /// <summary>
    /// Whether the caller may create, edit and publish a template owned by the unit at <paramref name="ownerPath"/>:
    /// a system administrator always; a district administrator at the owner or above it; the installation's (null)
    /// templates a district administrator held at one of the <paramref name="cityPaths"/> (the installation's City units).
    /// </summary>
    public static bool MayEdit(Caller caller, string? ownerPath, IReadOnlyCollection<string> cityPaths) =>
        ownerPath is null
            ? caller.IsSystemAdmin || caller.Grants.Any(g => g.Role == Role.DistrictAdmin && g.ScopePath is { } path && cityPaths.Contains(path))
            : caller.Holds(ownerPath, Role.DistrictAdmin);

    /// <summary>
    /// Whether a template owned by the unit at <paramref name="ownerPath"/> may be launched over the unit at
    /// <paramref name="scopePath"/>: the installation's anywhere, a unit's over that unit or one beneath it.
    /// </summary>
    public static bool MayLaunchOver(string? ownerPath, string scopePath) =>
        ownerPath is null || scopePath.StartsWith(ownerPath, StringComparison.Ordinal);

    /// <summary>
    /// The owner of a template the caller creates, from the <c>ownerScopeCode</c> they named (or null). A named unit
    /// is taken as named (whether it exists and the caller administers it is the store's to check); left out, a
    /// system administrator's template belongs to the installation, a district administrator's to their unit, and one
    /// who is district administrator at several units must name one of them.
    /// </summary>
    public static TemplateOwnerChoice ChooseOwner(Caller caller, string? requested)
    {
        if (requested is not null || caller.IsSystemAdmin)
            return new(requested, null);
        var units = caller.Grants.Where(g => g.Role == Role.DistrictAdmin && g.OrgUnitCode is not null)
            .Select(g => g.OrgUnitCode!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return units.Count switch
        {
            0 => new(null, Say.Text("Only a system administrator or a district administrator may create templates.", "只有系统管理员或区级管理员才能创建模板。")),
            1 => new(units[0], null),
            _ => new(null, Say.Text($"You are a district administrator of {string.Join(", ", units)}: name the one that owns the template in ownerScopeCode.", $"您是 {string.Join("、", units)} 的区级管理员，请在 ownerScopeCode 中指定模板的归属单位。")),
        };
    }
}
