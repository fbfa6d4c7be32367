using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Domain.Tests.Access;

public class AccountAdministrationTests
{
    static readonly Caller Admin = new(1, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly Caller CityAdmin = new(4, "c", [new RoleGrant(Role.DistrictAdmin, "C", "/C/")]);
    static readonly Caller D1Admin = new(2, "d1", [new RoleGrant(Role.DistrictAdmin, "D1", "/C/D1/")]);
    static readonly Caller D1Leader = new(3, "l1", [new RoleGrant(Role.Leader, "D1", "/C/D1/")]);

    static RoleGrant Grant(Role role, string code, string path) => new(role, code, path);

    static readonly RoleGrant StreetOfficerS1 = Grant(Role.StreetOfficer, "S1", "/C/D1/S1/");
    static readonly RoleGrant LeaderD1 = Grant(Role.Leader, "D1", "/C/D1/");
    static readonly RoleGrant LeaderD2 = Grant(Role.Leader, "D2", "/C/D2/");
    static readonly RoleGrant SystemAdmin = new(Role.SystemAdmin, null, null);

    [Fact]
    public void A_district_administrator_administers_a_person_whose_roles_all_lie_in_the_district()
    {
        Assert.True(AccountAdministration.CanAdminister(D1Admin, [StreetOfficerS1, LeaderD1]));
        Assert.False(AccountAdministration.CanAdminister(D1Admin, [StreetOfficerS1, LeaderD2]));
        Assert.False(AccountAdministration.CanAdminister(D1Admin, [StreetOfficerS1, SystemAdmin]));
        Assert.False(AccountAdministration.CanAdminister(D1Admin, []));
    }

    [Fact]
    public void A_district_administrator_does_not_administer_a_peer_administrator_of_the_same_unit_but_one_above_does()
    {
        var peer = Grant(Role.DistrictAdmin, "D1", "/C/D1/");
        Assert.False(AccountAdministration.CanAdminister(D1Admin, [peer]));
        Assert.False(AccountAdministration.CanAdminister(D1Admin, [LeaderD1, peer]));
        Assert.True(AccountAdministration.CanAdminister(CityAdmin, [peer, LeaderD2]));
        Assert.False(AccountAdministration.CanAdminister(CityAdmin, [Grant(Role.DistrictAdmin, "C", "/C/")]));
    }

    [Fact]
    public void A_system_administrator_administers_everyone_and_other_roles_no_one()
    {
        Assert.True(AccountAdministration.CanAdminister(Admin, [SystemAdmin]));
        Assert.True(AccountAdministration.CanAdminister(Admin, []));
        Assert.False(AccountAdministration.CanAdminister(D1Leader, [StreetOfficerS1]));
    }

    [Fact]
    public void A_person_is_seen_by_themselves_and_by_anyone_whose_scope_covers_one_of_their_roles()
    {
        Assert.True(AccountAdministration.CanSee(D1Leader, "someone", [LeaderD2, StreetOfficerS1]));
        Assert.False(AccountAdministration.CanSee(D1Leader, "someone", [LeaderD2]));
        Assert.True(AccountAdministration.CanSee(D1Leader, "l1", []));
        Assert.True(AccountAdministration.CanSee(Admin, "someone", []));
    }
}
