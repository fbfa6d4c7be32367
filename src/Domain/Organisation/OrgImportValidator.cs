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
        if (string.IsNullOrEmpty(code)) Fail("code", Say.Text("Code is required.", "编码为必填项。"));
        else if (!IsValidCode(code)) Fail("code", Say.Text("Code must be 1-64 characters of letters, digits, '_', '.' or '-', starting with a letter or digit.", "编码须为 1 至 64 个字符，只能使用字母、数字、“_”、“.”或“-”，并以字母或数字开头。"));

        var name = row.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Fail("name", Say.Text("Name is required.", "名称为必填项。"));
        else if (name.Length > MaxNameLength) Fail("name", Say.Text($"Name must be at most {MaxNameLength} characters.", $"名称不能超过 {MaxNameLength} 个字符。"));
        else if (PlainText.Problem(row.Name) is { } problem) Fail("name", problem);

        OrgUnitKind kind = default;
        if (string.IsNullOrWhiteSpace(row.Kind)) Fail("kind", Say.Text("Kind is required.", "类型为必填项。"));
        else if (!EnumText.TryParse(row.Kind, out kind)) Fail("kind", Say.Text($"Unknown kind '{row.Kind}'; expected one of {EnumText.Expected<OrgUnitKind>()}.", $"未知类型“{row.Kind}”，应为以下之一：{EnumText.Expected<OrgUnitKind>()}。"));

        var parentCode = string.IsNullOrWhiteSpace(row.ParentCode) ? null : row.ParentCode.Trim();
        if (parentCode is not null && parentCode == code) Fail("parentCode", Say.Text("A unit cannot be its own parent.", "单位不能以自身为上级。"));

        PartyOrgLevel? level = null;
        if (!string.IsNullOrWhiteSpace(row.PartyOrgLevel))
        {
            if (EnumText.TryParse<PartyOrgLevel>(row.PartyOrgLevel, out var l)) level = l;
            else Fail("partyOrgLevel", Say.Text($"Unknown Party organisation level '{row.PartyOrgLevel}'; expected one of {EnumText.Expected<PartyOrgLevel>()}.", $"未知党组织层级“{row.PartyOrgLevel}”，应为以下之一：{EnumText.Expected<PartyOrgLevel>()}。"));
        }

        int? members = null;
        if (!string.IsNullOrWhiteSpace(row.MemberCount))
        {
            if (!int.TryParse(row.MemberCount.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                Fail("memberCount", Say.Text($"Member count '{row.MemberCount}' is not a whole number.", $"党员人数“{row.MemberCount}”不是整数。"));
            else if (n < 0) Fail("memberCount", Say.Text("Member count cannot be negative.", "党员人数不能为负数。"));
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
                errors.Add(new(i, rows[i].Line, code, "code", Say.Text($"Duplicate code '{code}': it already appears at index {first}{LineSuffix(rows[first])}.", $"编码“{code}”重复：已出现在第 {first} 项{LineSuffix(rows[first])}。")));
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
                errors.Add(new(i, rows[i].Line, code, "code", Say.Text($"Duplicate code '{code}': it appears again later in the import.", $"编码“{code}”重复：在导入内容后面再次出现。")));
                parsed[i] = null;
            }
        return byCode;
    }

    static string LineSuffix(OrgUnitImportRow row) => row.Line is { } line ? Say.Text($" (line {line})", $"（第 {line} 行）") : "";

    void CheckPlacement(OrgUnitImportRow row, ValidOrgUnit unit, Dictionary<string, ValidOrgUnit> batch, List<ImportRowError> errors)
    {
        void Fail(string field, string message) => errors.Add(new(row.Index, row.Line, unit.Code, field, message));

        if (stored.TryGetValue(unit.Code, out var existing) && !mayWrite(existing.Path))
        {
            // codes are unique, so that this one is in use cannot be hidden; where and whose the unit is can: the answer
            // names no scope, as everything else answers for a unit the caller may not see
            Fail("code", Say.Text($"Code '{unit.Code}' is already taken; choose another code.", $"编码“{unit.Code}”已被占用，请换用其他编码。"));
            return;
        }
        if (unit.ParentCode is null)
        {
            if (!OrgTreeRules.CanBeRoot(unit.Kind))
                Fail("parentCode", Say.Text($"A {unit.Kind} needs a parent; only a City or a District may stand at the top.", $"{Say.Name(unit.Kind.ToString())}须有上级单位；只有市或区可以作为最上级。"));
            else if (!mayWrite(OrgTreeRules.PathOf([unit.Code])))
                Fail("parentCode", Say.Text("Only a system administrator may add a unit at the top of the tree.", "只有系统管理员才能添加最上级单位。"));
        }
        else if (KindOf(unit.ParentCode, batch) is not { } parentKind || !mayWrite(PathAfterImport(unit.ParentCode, batch) ?? ""))
        {
            Fail("parentCode", rowCodes.Contains(unit.ParentCode) && !batch.ContainsKey(unit.ParentCode)
                ? Say.Text($"Parent '{unit.ParentCode}' has errors of its own in this import.", $"上级单位“{unit.ParentCode}”在本次导入中本身有误。")
                : Say.Text($"Unknown parent '{unit.ParentCode}': it is neither stored nor in this import.", $"未知上级单位“{unit.ParentCode}”：既不在系统中，也不在本次导入内容中。"));
            return;
        }
        else if (CycleThrough(unit.Code, batch) is { } cycle)
            Fail("parentCode", Say.Text($"Parent '{unit.ParentCode}' would make a cycle: {string.Join(" → ", cycle)}.", $"以“{unit.ParentCode}”为上级将形成循环：{string.Join(" → ", cycle)}。"));
        else if (!OrgTreeRules.CanBeChildOf(unit.Kind, parentKind))
            Fail("parentCode", Say.Text($"A {unit.Kind} cannot sit under a {parentKind} ('{unit.ParentCode}').", $"{Say.Name(unit.Kind.ToString())}不能隶属于{Say.Name(parentKind.ToString())}（“{unit.ParentCode}”）。"));

        foreach (var child in storedChildren[unit.Code].Where(c => !batch.ContainsKey(c.Code)))
            if (!OrgTreeRules.CanBeChildOf(child.Kind, unit.Kind))
                Fail("kind", Say.Text($"Existing unit '{child.Code}' ({child.Kind}) cannot sit under a {unit.Kind}.", $"现有单位“{child.Code}”（{Say.Name(child.Kind.ToString())}）不能隶属于{Say.Name(unit.Kind.ToString())}。"));
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
