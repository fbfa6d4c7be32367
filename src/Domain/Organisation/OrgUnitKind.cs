namespace CommunityWorkflows.Domain.Organisation;

/// <summary>The tiers of the organisation tree, from the city down to the units seated in a community.</summary>
public enum OrgUnitKind
{
    City,
    District,
    Street,
    Community,
    SeatedUnit,
}
