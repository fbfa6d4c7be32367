using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Organisation;

public class OrgTreeRulesTests
{
    [Theory]
    [InlineData(OrgUnitKind.District, OrgUnitKind.City, true)]
    [InlineData(OrgUnitKind.Street, OrgUnitKind.District, true)]
    [InlineData(OrgUnitKind.Community, OrgUnitKind.Street, true)]
    [InlineData(OrgUnitKind.Community, OrgUnitKind.District, true)]
    [InlineData(OrgUnitKind.SeatedUnit, OrgUnitKind.Community, true)]
    [InlineData(OrgUnitKind.SeatedUnit, OrgUnitKind.Street, true)]
    [InlineData(OrgUnitKind.Street, OrgUnitKind.Community, false)]
    [InlineData(OrgUnitKind.District, OrgUnitKind.Street, false)]
    [InlineData(OrgUnitKind.Street, OrgUnitKind.Street, false)]
    [InlineData(OrgUnitKind.SeatedUnit, OrgUnitKind.City, false)]
    [InlineData(OrgUnitKind.Community, OrgUnitKind.SeatedUnit, false)]
    public void A_parent_sits_on_a_higher_tier(OrgUnitKind child, OrgUnitKind parent, bool allowed) =>
        Assert.Equal(allowed, OrgTreeRules.CanBeChildOf(child, parent));

    [Theory]
    [InlineData(OrgUnitKind.City, true)]
    [InlineData(OrgUnitKind.District, true)]
    [InlineData(OrgUnitKind.Street, false)]
    [InlineData(OrgUnitKind.Community, false)]
    public void Only_a_city_or_a_district_stands_at_the_top(OrgUnitKind kind, bool root) =>
        Assert.Equal(root, OrgTreeRules.CanBeRoot(kind));

    [Fact]
    public void A_path_lists_the_codes_from_the_root() =>
        Assert.Equal("/C1/D1/S1/", OrgTreeRules.PathOf(["C1", "D1", "S1"]));
}
