namespace CommunityWorkflows.Domain.Organisation;

/// <summary>
/// One row of an organisation import as it arrived, every value still text so that a bad value can be
/// reported against its field. <see cref="Index"/> is 0-based; <see cref="Line"/> is the CSV line, if any.
/// </summary>
public sealed record OrgUnitImportRow(
    int Index,
    int? Line,
    string? Code,
    string? Name,
    string? Kind,
    string? ParentCode,
    string? PartyOrgLevel,
    string? MemberCount);

/// <summary>An org unit already stored, as far as an import needs to know it.</summary>
public sealed record StoredOrgUnit(string Code, OrgUnitKind Kind, string? ParentCode, string Path)
{
    public string Name { get; init; } = "";
    public PartyOrgLevel? PartyOrgLevel { get; init; }
    public int? MemberCount { get; init; }
}

/// <summary>A row that passed every rule, ready to be written.</summary>
public sealed record ValidOrgUnit(
    string Code,
    string Name,
    OrgUnitKind Kind,
    string? ParentCode,
    PartyOrgLevel? PartyOrgLevel,
    int? MemberCount);

/// <summary>A bad row: where it is, which field, and why.</summary>
public sealed record ImportRowError(int Index, int? Line, string? Code, string Field, string Message)
{
    /// <summary>A JSON pointer into the imported array, e.g. <c>/3/parentCode</c>.</summary>
    public string Pointer => $"/{Index}/{Field}";
}
