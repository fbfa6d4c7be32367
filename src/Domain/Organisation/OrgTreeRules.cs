namespace CommunityWorkflows.Domain.Organisation;

/// <summary>Which kind of unit may hang under which, and which may stand at the top of a tree.</summary>
public static class OrgTreeRules
{
    public static bool CanBeRoot(OrgUnitKind kind) => kind is OrgUnitKind.City or OrgUnitKind.District;

    /// <summary>
    /// A parent sits on a strictly higher tier (a Community may hang under a Street or straight under a
    /// District, never the other way round); a SeatedUnit is always a leaf and may not sit under a City.
    /// </summary>
    public static bool CanBeChildOf(OrgUnitKind child, OrgUnitKind parent) =>
        parent != OrgUnitKind.SeatedUnit
        && (child == OrgUnitKind.SeatedUnit ? parent != OrgUnitKind.City : Tier(parent) < Tier(child));

    static int Tier(OrgUnitKind kind) => (int)kind;

    /// <summary>The materialised path of a unit: its ancestors' codes and its own, e.g. <c>/C1/D1/S1/</c>.</summary>
    public static string PathOf(IEnumerable<string> codesFromRoot) => "/" + string.Concat(codesFromRoot.Select(c => c + "/"));

    public static bool IsWithin(string path, string ancestorPath) => path.StartsWith(ancestorPath, StringComparison.Ordinal);
}
