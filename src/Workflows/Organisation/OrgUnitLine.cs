namespace CommunityWorkflows.Workflows.Organisation;

/// <summary>SQL reaching from an org unit to its street and district and the secretaries of all three, whom audiences and answers name.</summary>
static class OrgUnitLine
{
    /// <summary>The joins from <paramref name="unit"/> to its street and district and to the three secretaries, under the aliases given.</summary>
    public static string Joins(string unit, string street, string district, string unitSecretary, string streetSecretary, string districtSecretary) => $"""
        left join org_unit {street} on {street}.id = {unit}.street_id
        left join org_unit {district} on {district}.id = {unit}.district_id
        left join app_user {unitSecretary} on {unitSecretary}.id = {unit}.secretary_user_id
        left join app_user {streetSecretary} on {streetSecretary}.id = {street}.secretary_user_id
        left join app_user {districtSecretary} on {districtSecretary}.id = {district}.secretary_user_id
        """;
}
