using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class ProblemOwnersTests
{
    const string Community = "/JC/JC-DH/JC-DH-LW/JC-DH-LW-01/";
    const string District = "/JC/JC-DH/";
    const string Backing = "/JC/JC-XS/JC-XS-FL/JC-XS-FL-U1/";

    [Theory]
    [InlineData(OrgUnitKind.Community, Community, true)]
    [InlineData(OrgUnitKind.Street, "/JC/JC-DH/JC-DH-LW/", true)]
    [InlineData(OrgUnitKind.District, District, true)]
    [InlineData(OrgUnitKind.City, "/JC/", true)]
    [InlineData(OrgUnitKind.SeatedUnit, Backing, true)]
    [InlineData(OrgUnitKind.SeatedUnit, "/JC/JC-DH/JC-DH-TY/JC-DH-TY-U2/", true)]
    [InlineData(OrgUnitKind.SeatedUnit, "/JC/JC-XS/JC-XS-SQ/JC-XS-SQ-U1/", false)]
    [InlineData(OrgUnitKind.Community, "/JC/JC-DH/JC-DH-LW/JC-DH-LW-02/", false)]
    [InlineData(OrgUnitKind.Street, "/JC/JC-DH/JC-DH-TY/", false)]
    public void A_problem_is_owned_by_the_community_its_line_its_backing_unit_or_a_unit_seated_in_its_district(OrgUnitKind kind, string path, bool allowed) =>
        Assert.Equal(allowed, ProblemOwners.MayOwn(kind, path, Community, District, Backing));

    [Fact]
    public void The_owner_units_people_hear_of_the_problem()
    {
        Assert.Equal(["communitySecretary"], ProblemOwners.AudiencesFor(OrgUnitKind.Community, inStreet: true));
        Assert.Equal(["directResponsible"], ProblemOwners.AudiencesFor(OrgUnitKind.Street, inStreet: true));
        Assert.Equal(["firstResponsible"], ProblemOwners.AudiencesFor(OrgUnitKind.District, inStreet: false));
        Assert.Equal(["communitySecretary", "directResponsible"], ProblemOwners.AudiencesFor(OrgUnitKind.SeatedUnit, inStreet: true));
        Assert.Equal(["communitySecretary", "firstResponsible"], ProblemOwners.AudiencesFor(OrgUnitKind.SeatedUnit, inStreet: false));
    }

    static Caller Person(string username, params RoleGrant[] grants) => new(1, username, grants);

    [Fact]
    public void Whoever_hears_of_a_problem_answers_for_it_and_a_scope_over_the_owner_only_sees_it()
    {
        const string Street = "/JC/JC-DH/JC-DH-LW/";
        var seated = new ParticipantUnits("JC-DH-LW-U1", Street + "JC-DH-LW-U1/", "JC-DH-LW", "JC-DH", "u1.secretary", "lw.secretary", "dh.secretary");
        var secretary = Person("u1.secretary", new RoleGrant(Role.CommunityOfficer, "JC-DH-LW-01", Community));
        var streetOfficer = Person("lw.officer", new RoleGrant(Role.StreetOfficer, "JC-DH-LW", Street));
        var inspector = Person("dh.inspector", new RoleGrant(Role.Inspector, "JC-DH", District));
        var elsewhere = Person("ty.officer", new RoleGrant(Role.StreetOfficer, "JC-DH-TY", "/JC/JC-DH/JC-DH-TY/"));

        Assert.Equal([true, true, false, false], new[] { secretary, streetOfficer, inspector, elsewhere }.Select(c => ProblemOwners.Answers(c, OrgUnitKind.SeatedUnit, seated)));
        Assert.Equal([true, true, true, false], new[] { secretary, streetOfficer, inspector, elsewhere }.Select(c => ProblemOwners.CanSee(c, OrgUnitKind.SeatedUnit, seated)));
        Assert.False(ProblemOwners.Answers(Person("dh.secretary"), OrgUnitKind.SeatedUnit, seated)); // within a street, not the district's secretary
    }
}
