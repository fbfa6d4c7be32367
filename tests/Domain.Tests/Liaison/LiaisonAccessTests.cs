using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class LiaisonAccessTests
{
    static readonly Caller Leader = new(7, "city.leader1", [new RoleGrant(Role.Leader, "JC", "/JC/")]);
    static readonly Caller DistrictAdmin = new(8, "dh.admin", [new RoleGrant(Role.DistrictAdmin, "JC-DH", "/JC/JC-DH/")]);
    static readonly Caller Officer = new(9, "lw01.officer", [new RoleGrant(Role.CommunityOfficer, "JC-DH-LW-01", "/JC/JC-DH/JC-DH-LW/JC-DH-LW-01/")]);
    const string Community = "/JC/JC-DH/JC-DH-LW/JC-DH-LW-01/";

    [Fact]
    public void The_leader_the_work_group_and_the_district_administrators_see_a_point_and_nobody_else()
    {
        Assert.True(LiaisonAccess.CanSee(Leader, 7, [], Community));
        Assert.True(LiaisonAccess.CanSee(Officer, 7, [9], Community));
        Assert.True(LiaisonAccess.CanSee(DistrictAdmin, 7, [], Community));
        Assert.False(LiaisonAccess.CanSee(DistrictAdmin, 7, [], "/JC/JC-XS/JC-XS-FL/JC-XS-FL-01/"));
        Assert.False(LiaisonAccess.CanSee(Officer, 7, [], Community));
        Assert.False(LiaisonAccess.CanSee(Leader, 70, [], Community)); // another leader's point, even under the city
    }

    [Fact]
    public void A_backing_unit_is_seated_in_the_communitys_district_or_anywhere_in_a_city_leaders_city()
    {
        Assert.True(LiaisonAccess.MayBack(OrgUnitKind.SeatedUnit, "/JC/JC-DH/JC-DH-TY/JC-DH-TY-U1/", "/JC/JC-DH/", []));
        Assert.False(LiaisonAccess.MayBack(OrgUnitKind.SeatedUnit, "/JC/JC-XS/JC-XS-FL/JC-XS-FL-U1/", "/JC/JC-DH/", []));
        Assert.True(LiaisonAccess.MayBack(OrgUnitKind.SeatedUnit, "/JC/JC-XS/JC-XS-FL/JC-XS-FL-U1/", "/JC/JC-DH/", ["/JC/"]));
        Assert.False(LiaisonAccess.MayBack(OrgUnitKind.Community, "/JC/JC-DH/JC-DH-TY/JC-DH-TY-01/", "/JC/JC-DH/", []));
    }

    [Fact]
    public void An_account_is_seen_by_oneself_a_system_administrator_and_whoever_covers_one_of_its_roles()
    {
        var xsSecretary = new[] { "/JC/JC-XS/" };
        Assert.False(LiaisonAccess.SeesUser(DistrictAdmin, "xs.secretary", xsSecretary));
        Assert.False(LiaisonAccess.SeesUser(DistrictAdmin, "xs.admin", [null]));
        Assert.True(LiaisonAccess.SeesUser(DistrictAdmin, "lw.secretary", ["/JC/JC-XS/", "/JC/JC-DH/JC-DH-LW/"]));
        Assert.True(LiaisonAccess.SeesUser(Leader, "xs.secretary", xsSecretary));
        Assert.True(LiaisonAccess.SeesUser(Officer, "lw01.officer", []));
        Assert.True(LiaisonAccess.SeesUser(new Caller(1, "root", [new RoleGrant(Role.SystemAdmin, null, null)]), "anyone", []));
    }
}
