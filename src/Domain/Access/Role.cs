namespace CommunityWorkflows.Domain.Access;

public enum Role
{
    SystemAdmin,
    DistrictAdmin,
    StreetOfficer,
    CommunityOfficer,
    Leader,
    Inspector,
}
