using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Organisation;

public class PartyOrgThresholdsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(2, null)]
    [InlineData(3, PartyOrgLevel.Branch)]
    [InlineData(49, PartyOrgLevel.Branch)]
    [InlineData(50, PartyOrgLevel.GeneralBranch)]
    [InlineData(99, PartyOrgLevel.GeneralBranch)]
    [InlineData(100, PartyOrgLevel.Committee)]
    [InlineData(1000, PartyOrgLevel.Committee)]
    public void The_default_thresholds_follow_the_party_rules(int? members, PartyOrgLevel? suggested) =>
        Assert.Equal(suggested, PartyOrgThresholds.Default.Suggest(members));

    [Fact]
    public void Thresholds_are_configurable()
    {
        var local = new PartyOrgThresholds(Branch: 3, GeneralBranch: 30, Committee: 80);
        Assert.Equal(PartyOrgLevel.GeneralBranch, local.Suggest(30));
        Assert.Equal(PartyOrgLevel.Committee, local.Suggest(80));
        Assert.Empty(local.Problems());
    }

    [Fact]
    public void Thresholds_out_of_order_are_reported()
    {
        var problems = new PartyOrgThresholds(Branch: 3, GeneralBranch: 120, Committee: 100).Problems().ToList();
        Assert.Contains(problems, p => p.Contains("Committee"));
    }
}
