using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;

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
}
