using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Workflows.Organisation;

/// <summary>An org unit as the API shows it.</summary>
public sealed record OrgUnitView(
    string Code,
    string Name,
    OrgUnitKind Kind,
    string? ParentCode,
    PartyOrgLevel? PartyOrgLevel,
    int? MemberCount,
    SecretaryView? Secretary,
    PartyOrgLevel? SuggestedPartyOrgLevel);

/// <summary>
/// A unit's Party secretary. The District secretary is the FirstResponsible, the Street secretary the
/// DirectResponsible person; other units' secretaries carry no responsibility title.
/// </summary>
public sealed record SecretaryView(string Username, string DisplayName, string? Responsibility);

/// <summary>What an import did: rows new to the tree, rows that changed something, rows identical to what was stored.</summary>
public sealed record OrgImportResult(int Created, int Updated, int Unchanged);
