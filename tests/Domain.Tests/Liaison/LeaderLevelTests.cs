using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class LeaderLevelTests
{
    [Theory]
    [InlineData(OrgUnitKind.City, LeaderLevel.City)]
    [InlineData(OrgUnitKind.District, LeaderLevel.District)]
    [InlineData(OrgUnitKind.Street, LeaderLevel.Street)]
    public void A_leader_takes_the_level_of_the_unit_of_their_leader_role(OrgUnitKind unit, LeaderLevel level) =>
        Assert.Equal(level, LeaderLevels.Of([unit]));

    [Fact]
    public void A_leader_with_roles_at_several_tiers_counts_at_the_highest() =>
        Assert.Equal(LeaderLevel.District, LeaderLevels.Of([OrgUnitKind.Street, OrgUnitKind.District, OrgUnitKind.Street]));

    [Fact]
    public void Someone_without_a_leader_role_has_no_level()
    {
        Assert.Null(LeaderLevels.Of([]));
        Assert.Null(LeaderLevels.Of([OrgUnitKind.Community, OrgUnitKind.SeatedUnit]));
    }
}
