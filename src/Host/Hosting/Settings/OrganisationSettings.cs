using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Organisation:*</c>: member counts behind a unit's suggested Party-organisation level.</summary>
sealed class OrganisationSettings : ISettings
{
    public static string Section => "Organisation";

    public int BranchThreshold { get; set; } = PartyOrgThresholds.Default.Branch;

    public int GeneralBranchThreshold { get; set; } = PartyOrgThresholds.Default.GeneralBranch;

    public int CommitteeThreshold { get; set; } = PartyOrgThresholds.Default.Committee;

    public PartyOrgThresholds Thresholds => new(BranchThreshold, GeneralBranchThreshold, CommitteeThreshold);

    public IEnumerable<string> Problems()
    {
        if (BranchThreshold < 1) yield return "Organisation:BranchThreshold must be at least 1.";
        if (GeneralBranchThreshold <= BranchThreshold) yield return "Organisation:GeneralBranchThreshold must exceed Organisation:BranchThreshold.";
        if (CommitteeThreshold <= GeneralBranchThreshold) yield return "Organisation:CommitteeThreshold must exceed Organisation:GeneralBranchThreshold.";
    }
}
