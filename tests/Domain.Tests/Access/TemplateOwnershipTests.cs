using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Domain.Tests.Access;

public class TemplateOwnershipTests
{
    static readonly string[] Cities = ["/C/"];
    static readonly Caller Admin = new(1, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly Caller CityAdmin = new(2, "c", [new RoleGrant(Role.DistrictAdmin, "C", "/C/")]);
    static readonly Caller AdminOfA = new(3, "a", [new RoleGrant(Role.DistrictAdmin, "A", "/C/A/")]);
    static readonly Caller AdminOfB = new(4, "b", [new RoleGrant(Role.DistrictAdmin, "B", "/C/B/")]);
    static readonly Caller AdminOfBoth = new(5, "ab", [new RoleGrant(Role.DistrictAdmin, "B", "/C/B/"), new RoleGrant(Role.DistrictAdmin, "A", "/C/A/")]);
    static readonly Caller Officer = new(6, "s", [new RoleGrant(Role.StreetOfficer, "A1", "/C/A/A1/"), new RoleGrant(Role.Leader, "A", "/C/A/")]);
    static readonly Caller CityLeader = new(7, "l", [new RoleGrant(Role.Leader, "C", "/C/"), new RoleGrant(Role.Inspector, "C", "/C/")]);
    static readonly Caller AdminOfRootDistrict = new(8, "r", [new RoleGrant(Role.DistrictAdmin, "R", "/R/")]);

    [Fact]
    public void The_installations_templates_are_edited_by_system_administrators_and_the_citys_district_administrators_only()
    {
        Assert.True(TemplateOwnership.MayEdit(Admin, null, []));
        Assert.True(TemplateOwnership.MayEdit(CityAdmin, null, Cities));
        Assert.False(TemplateOwnership.MayEdit(CityAdmin, null, []));
        Assert.False(TemplateOwnership.MayEdit(AdminOfA, null, Cities));
        Assert.False(TemplateOwnership.MayEdit(AdminOfRootDistrict, null, Cities));
        Assert.False(TemplateOwnership.MayEdit(Officer, null, Cities));
        Assert.False(TemplateOwnership.MayEdit(CityLeader, null, Cities));
    }

    [Fact]
    public void A_units_template_is_edited_by_the_district_administrators_at_it_or_above_it()
    {
        Assert.True(TemplateOwnership.MayEdit(Admin, "/C/A/", []));
        Assert.True(TemplateOwnership.MayEdit(AdminOfA, "/C/A/", Cities));
        Assert.True(TemplateOwnership.MayEdit(CityAdmin, "/C/A/", Cities));
        Assert.True(TemplateOwnership.MayEdit(CityAdmin, "/C/", Cities));
        Assert.True(TemplateOwnership.MayEdit(AdminOfA, "/C/A/A1/", Cities));
        Assert.False(TemplateOwnership.MayEdit(AdminOfB, "/C/A/", Cities));
        Assert.False(TemplateOwnership.MayEdit(AdminOfA, "/C/", Cities));
        Assert.False(TemplateOwnership.MayEdit(AdminOfA, "/C/AB/", Cities));
        Assert.False(TemplateOwnership.MayEdit(Officer, "/C/A/", Cities));
        Assert.False(TemplateOwnership.MayEdit(CityLeader, "/C/A/", Cities));
    }

    [Fact]
    public void A_units_template_is_launched_over_that_unit_or_beneath_it_and_the_installations_anywhere()
    {
        Assert.True(TemplateOwnership.MayLaunchOver(null, "/C/B/"));
        Assert.True(TemplateOwnership.MayLaunchOver("/C/A/", "/C/A/"));
        Assert.True(TemplateOwnership.MayLaunchOver("/C/A/", "/C/A/A1/"));
        Assert.True(TemplateOwnership.MayLaunchOver("/C/", "/C/B/"));
        Assert.False(TemplateOwnership.MayLaunchOver("/C/A/", "/C/B/"));
        Assert.False(TemplateOwnership.MayLaunchOver("/C/A/", "/C/"));
        Assert.False(TemplateOwnership.MayLaunchOver("/C/A/", "/C/AB/"));
    }

    [Fact]
    public void A_district_administrators_template_belongs_to_their_unit_unless_they_name_another()
    {
        Assert.Equal(new TemplateOwnerChoice("A", null), TemplateOwnership.ChooseOwner(AdminOfA, null));
        Assert.Equal(new TemplateOwnerChoice("A", null), TemplateOwnership.ChooseOwner(AdminOfA, "A"));
        // whether they administer a unit they name is the store's to check, against the unit's path
        Assert.Equal(new TemplateOwnerChoice("A1", null), TemplateOwnership.ChooseOwner(AdminOfA, "A1"));
        Assert.Equal(new TemplateOwnerChoice("C", null), TemplateOwnership.ChooseOwner(CityAdmin, null));
        Assert.NotNull(TemplateOwnership.ChooseOwner(Officer, null).Problem);
    }

    [Fact]
    public void One_who_is_district_administrator_at_several_units_names_one_of_them()
    {
        var unnamed = TemplateOwnership.ChooseOwner(AdminOfBoth, null);
        Assert.Null(unnamed.OrgUnitCode);
        Assert.Contains("A, B", unnamed.Problem);
        Assert.Equal(new TemplateOwnerChoice("B", null), TemplateOwnership.ChooseOwner(AdminOfBoth, "B"));
    }

    [Fact]
    public void A_system_administrators_template_belongs_to_the_installation_unless_they_name_a_unit()
    {
        Assert.Equal(new TemplateOwnerChoice(null, null), TemplateOwnership.ChooseOwner(Admin, null));
        Assert.Equal(new TemplateOwnerChoice("B", null), TemplateOwnership.ChooseOwner(Admin, "B"));
    }

    [Fact]
    public void Only_system_and_district_administrators_write_templates_at_all()
    {
        Assert.True(TemplateOwnership.MayWrite(Admin));
        Assert.True(TemplateOwnership.MayWrite(AdminOfA));
        Assert.True(TemplateOwnership.MayWrite(CityAdmin));
        Assert.False(TemplateOwnership.MayWrite(Officer));
        Assert.False(TemplateOwnership.MayWrite(CityLeader));
    }
}
