namespace CommunityWorkflows.Domain.Organisation;

/// <summary>支部 / 总支 / 党委.</summary>
public enum PartyOrgLevel
{
    Branch,
    GeneralBranch,
    Committee,
}
