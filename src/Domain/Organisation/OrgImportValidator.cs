using System.Globalization;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Organisation;

/// <summary>
/// Checks an organisation import against the tree it will be merged into. Every bad row is reported,
/// not just the first, so the person fixing the file sees all of it at once.
/// </summary>
public sealed partial class OrgImportValidator(
    IReadOnlyDictionary<string, StoredOrgUnit> stored,
    IReadOnlyCollection<StoredOrgUnit> storedChildrenOfRows,
    Func<string, bool> mayWrite)
{
    public const int MaxNameLength = 200;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex CodePattern();

    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    HashSet<string> rowCodes = [];
    readonly ILookup<string?, StoredOrgUnit> storedChildren = storedChildrenOfRows.ToLookup(c => c.ParentCode, StringComparer.Ordinal);
    Dictionary<string, ValidOrgUnit> batch = [];

    public (IReadOnlyList<ValidOrgUnit> Units, IReadOnlyList<ImportRowError> Errors) Validate(IReadOnlyList<OrgUnitImportRow> rows)
    {
        var errors = new List<ImportRowError>();
        rowCodes = rows.Select(r => r.Code?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var parsed = rows.Select(r => Parse(r, errors)).ToList();
        var byCode = FirstRowPerCode(rows, parsed, errors);
        batch = byCode;
        var units = new List<ValidOrgUnit>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (parsed[i] is not { } unit || !ReferenceEquals(byCode.GetValueOrDefault(unit.Code), unit))
                continue;
            var before = errors.Count;
            CheckPlacement(rows[i], unit, byCode, errors);
            if (errors.Count == before)
                units.Add(unit);
        }
        return (units, errors.OrderBy(e => e.Index).ToList());
    }

    static ValidOrgUnit? Parse(OrgUnitImportRow row, List<ImportRowError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new(row.Index, row.Line, row.Code, field, message));

        var code = row.Code?.Trim();
        if (string.IsNullOrEmpty(code)) Fail("code", "Code is required.");
        else if (!IsValidCode(code)) Fail("code", "Code must be 1-64 characters of letters, digits, '_', '.' or '-', starting with a letter or digit.");

        var name = row.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Fail("name", "Name is required.");
        else if (name.Length > MaxNameLength) Fail("name", $"Name must be at most {MaxNameLength} characters.");
        else if (PlainText.Problem(row.Name) is { } problem) Fail("name", problem);

        OrgUnitKind kind = default;
        if (string.IsNullOrWhiteSpace(row.Kind)) Fail("kind", "Kind is required.");
        else if (!EnumText.TryParse(row.Kind, out kind)) Fail("kind", $"Unknown kind '{row.Kind}'; expected one of {EnumText.Expected<OrgUnitKind>()}.");

        var parentCode = string.IsNullOrWhiteSpace(row.ParentCode) ? null : row.ParentCode.Trim();
        if (parentCode is not null && parentCode == code) Fail("parentCode", "A unit cannot be its own parent.");

        PartyOrgLevel? level = null;
        if (!string.IsNullOrWhiteSpace(row.PartyOrgLevel))
        {
            if (EnumText.TryParse<PartyOrgLevel>(row.PartyOrgLevel, out var l)) level = l;
            else Fail("partyOrgLevel", $"Unknown Party organisation level '{row.PartyOrgLevel}'; expected one of {EnumText.Expected<PartyOrgLevel>()}.");
        }

        int? members = null;
        if (!string.IsNullOrWhiteSpace(row.MemberCount))
        {
            if (!int.TryParse(row.MemberCount.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                Fail("memberCount", $"Member count '{row.MemberCount}' is not a whole number.");
            else if (n < 0) Fail("memberCount", "Member count cannot be negative.");
            else members = n;
        }

        return errors.Count == before ? new ValidOrgUnit(code!, name!, kind, parentCode, level, members) : null;
    }

    static Dictionary<string, ValidOrgUnit> FirstRowPerCode(
        IReadOnlyList<OrgUnitImportRow> rows, List<ValidOrgUnit?> parsed, List<ImportRowError> errors)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var byCode = new Dictionary<string, ValidOrgUnit>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var code = parsed[i]?.Code ?? rows[i].Code?.Trim();
            if (string.IsNullOrEmpty(code)) continue;
            if (firstIndex.TryGetValue(code, out var first))
            {
                errors.Add(new(i, rows[i].Line, code, "code", $"Duplicate code '{code}': it already appears at index {first}{LineSuffix(rows[first])}."));
                byCode.Remove(code);
                parsed[i] = null;
                continue;
            }
            firstIndex[code] = i;
            if (parsed[i] is { } unit) byCode[code] = unit;
        }
        // A duplicated code invalidates its first row too: which of the two rows was meant is unknowable.
        foreach (var (code, i) in firstIndex)
            if (parsed[i] is { } unit && !byCode.ContainsKey(code))
            {
                errors.Add(new(i, rows[i].Line, code, "code", $"Duplicate code '{code}': it appears again later in the import."));
                parsed[i] = null;
            }
        return byCode;
    }

    static string LineSuffix(OrgUnitImportRow row) => row.Line is { } line ? $" (line {line})" : "";

    void CheckPlacement(OrgUnitImportRow row, ValidOrgUnit unit, Dictionary<string, ValidOrgUnit> batch, List<ImportRowError> errors)
    {
        void Fail(string field, string message) => errors.Add(new(row.Index, row.Line, unit.Code, field, message));

        if (stored.TryGetValue(unit.Code, out var existing) && !mayWrite(existing.Path))
        {
            // codes are unique, so that this one is in use cannot be hidden; where and whose the unit is can: the answer
            // names no scope, as everything else answers for a unit the caller may not see
            Fail("code", $"Code '{unit.Code}' is already taken; choose another code.");
            return;
        }
        if (unit.ParentCode is null)
        {
            if (!OrgTreeRules.CanBeRoot(unit.Kind))
                Fail("parentCode", $"A {unit.Kind} needs a parent; only a City or a District may stand at the top.");
            else if (!mayWrite(OrgTreeRules.PathOf([unit.Code])))
                Fail("parentCode", "Only a system administrator may add a unit at the top of the tree.");
        }
        else if (KindOf(unit.ParentCode, batch) is not { } parentKind || !mayWrite(PathAfterImport(unit.ParentCode, batch) ?? ""))
        {
            Fail("parentCode", rowCodes.Contains(unit.ParentCode) && !batch.ContainsKey(unit.ParentCode)
                ? $"Parent '{unit.ParentCode}' has errors of its own in this import."
                : $"Unknown parent '{unit.ParentCode}': it is neither stored nor in this import.");
            return;
        }
        else if (CycleThrough(unit.Code, batch) is { } cycle)
            Fail("parentCode", $"Parent '{unit.ParentCode}' would make a cycle: {string.Join(" → ", cycle)}.");
        else if (!OrgTreeRules.CanBeChildOf(unit.Kind, parentKind))
            Fail("parentCode", $"A {unit.Kind} cannot sit under a {parentKind} ('{unit.ParentCode}').");

        foreach (var child in storedChildren[unit.Code].Where(c => !batch.ContainsKey(c.Code)))
            if (!OrgTreeRules.CanBeChildOf(child.Kind, unit.Kind))
                Fail("kind", $"Existing unit '{child.Code}' ({child.Kind}) cannot sit under a {unit.Kind}.");
    }

    OrgUnitKind? KindOf(string code, Dictionary<string, ValidOrgUnit> batch) =>
        batch.TryGetValue(code, out var u) ? u.Kind : stored.TryGetValue(code, out var s) ? s.Kind : null;

    string? ParentOf(string code, Dictionary<string, ValidOrgUnit> batch) =>
        batch.TryGetValue(code, out var u) ? u.ParentCode : stored.GetValueOrDefault(code)?.ParentCode;

    List<string>? CycleThrough(string code, Dictionary<string, ValidOrgUnit> batch)
    {
        var chain = new List<string> { code };
        for (var at = ParentOf(code, batch); at is not null; at = ParentOf(at, batch))
        {
            chain.Add(at);
            if (at == code) return chain;
            if (chain.Count > batch.Count + stored.Count + 1) return null; // a cycle elsewhere, reported on its own rows
        }
        return null;
    }

    /// <summary>The path a unit will have once the validated import is applied, or null when its chain is broken.</summary>
    public string? PathAfterImport(string code) => PathAfterImport(code, batch);

    string? PathAfterImport(string code, Dictionary<string, ValidOrgUnit> batch)
    {
        var chain = new List<string>();
        for (string? at = code; at is not null; at = ParentOf(at, batch))
        {
            if (chain.Contains(at) || KindOf(at, batch) is null) return null;
            chain.Add(at);
        }
        chain.Reverse();
        return OrgTreeRules.PathOf(chain);
    }
}
