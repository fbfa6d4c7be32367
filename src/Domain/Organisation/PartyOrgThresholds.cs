namespace CommunityWorkflows.Domain.Organisation;

/// <summary>
/// Member counts from which a Party organisation may be set up at each level. The defaults follow the
/// Party's rules (3 full members form a branch, 50 members may form a general branch, 100 a committee);
/// the product only suggests — the upgrade is requested and approved by people.
/// </summary>
public sealed record PartyOrgThresholds(int Branch = 3, int GeneralBranch = 50, int Committee = 100)
{
    public static PartyOrgThresholds Default { get; } = new();

    public PartyOrgLevel? Suggest(int? memberCount) => memberCount switch
    {
        null => null,
        var n when n >= Committee => PartyOrgLevel.Committee,
        var n when n >= GeneralBranch => PartyOrgLevel.GeneralBranch,
        var n when n >= Branch => PartyOrgLevel.Branch,
        _ => null,
    };

    public IEnumerable<string> Problems()
    {
        if (Branch < 1) yield return "Branch threshold must be at least 1.";
        if (GeneralBranch <= Branch) yield return "GeneralBranch threshold must exceed the Branch threshold.";
        if (Committee <= GeneralBranch) yield return "Committee threshold must exceed the GeneralBranch threshold.";
    }
}
