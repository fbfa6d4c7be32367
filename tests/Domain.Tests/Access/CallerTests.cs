using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Domain.Tests.Access;

public class CallerTests
{
    static readonly Caller StreetOfficer = new(1, "s1", [new RoleGrant(Role.StreetOfficer, "S1", "/C/D1/S1/")]);
    static readonly Caller DistrictAdmin = new(2, "d1", [new RoleGrant(Role.DistrictAdmin, "D1", "/C/D1/")]);
    static readonly Caller Admin = new(3, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);

    [Fact]
    public void A_role_covers_its_unit_and_the_subtree_below()
    {
        Assert.True(StreetOfficer.CanSee("/C/D1/S1/"));
        Assert.True(StreetOfficer.CanSee("/C/D1/S1/K1/"));
        Assert.False(StreetOfficer.CanSee("/C/D1/"));
        Assert.False(StreetOfficer.CanSee("/C/D1/S2/"));
    }

    [Fact]
    public void A_code_that_merely_starts_like_another_is_not_inside_it() =>
        Assert.False(StreetOfficer.CanSee("/C/D1/S10/"));

    [Fact]
    public void Holding_a_role_needs_that_role_in_scope()
    {
        Assert.True(DistrictAdmin.Holds("/C/D1/S1/", Role.DistrictAdmin));
        Assert.False(DistrictAdmin.Holds("/C/D2/", Role.DistrictAdmin));
        Assert.False(StreetOfficer.Holds("/C/D1/S1/", Role.DistrictAdmin));
    }

    [Fact]
    public void A_system_admin_sees_and_holds_everything()
    {
        Assert.True(Admin.IsSystemAdmin);
        Assert.True(Admin.CanSee("/X/"));
        Assert.True(Admin.Holds("/X/Y/", Role.DistrictAdmin));
        Assert.Empty(Admin.VisiblePaths());
        Assert.Equal(["/C/D1/S1/"], StreetOfficer.VisiblePaths());
    }
}
