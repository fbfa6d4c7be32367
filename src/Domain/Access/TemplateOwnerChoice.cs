namespace CommunityWorkflows.Domain.Access;

/// <summary>
/// The owner a new template gets: <see cref="OrgUnitCode"/>, null for the installation; or, when the creator may not
/// have the owner they named (or must name one), the <see cref="Problem"/> to report on <c>/ownerScopeCode</c>.
/// </summary>
public sealed record TemplateOwnerChoice(string? OrgUnitCode, string? Problem);
