using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Domain.Tests.Organisation;

public class OrgImportValidatorTests
{
    static readonly Dictionary<string, StoredOrgUnit> Stored = new()
    {
        ["C"] = new("C", OrgUnitKind.City, null, "/C/"),
        ["D1"] = new("D1", OrgUnitKind.District, "C", "/C/D1/"),
        ["D2"] = new("D2", OrgUnitKind.District, "C", "/C/D2/"),
        ["S1"] = new("S1", OrgUnitKind.Street, "D1", "/C/D1/S1/"),
        ["K1"] = new("K1", OrgUnitKind.Community, "S1", "/C/D1/S1/K1/"),
    };

    static OrgUnitImportRow Row(int index, string? code, string? kind, string? parent, string? name = "名称", string? members = null, string? level = null, int? line = null) =>
        new(index, line, code, name, kind, parent, level, members);

    static (IReadOnlyList<ValidOrgUnit> Units, IReadOnlyList<ImportRowError> Errors) Validate(
        IReadOnlyList<OrgUnitImportRow> rows, Func<string, bool>? mayWrite = null, IReadOnlyCollection<StoredOrgUnit>? children = null) =>
        new OrgImportValidator(Stored, children ?? [], mayWrite ?? (_ => true)).Validate(rows);

    [Fact]
    public void Good_rows_pass_and_may_reference_each_other_in_any_order()
    {
        var (units, errors) = Validate([
            Row(0, "K9", "Community", "S9"),
            Row(1, "S9", "Street", "D1"),
            Row(2, "D1", "District", "C", name: "新名字"),
        ]);
        Assert.Empty(errors);
        Assert.Equal(["K9", "S9", "D1"], units.Select(u => u.Code));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_field_not_just_the_first()
    {
        var (units, errors) = Validate([
            Row(0, "X1", "Street", "NOPE"),
            Row(1, "X2", "Province", "D1"),
            Row(2, "X3", "Community", "S1", members: "-4"),
            Row(3, "X4", "Community", "S1", members: "many"),
            Row(4, "X5", "Street", "K1"),
            Row(5, "", "Street", "D1"),
            Row(6, "X7", "Street", "D1", name: " "),
            Row(7, "X8", "Community", "S1", level: "Cell"),
            Row(8, "OK", "Community", "S1"),
        ]);
        Assert.Equal(
            ["/0/parentCode", "/1/kind", "/2/memberCount", "/3/memberCount", "/4/parentCode", "/5/code", "/6/name", "/7/partyOrgLevel"],
            errors.Select(e => e.Pointer));
        Assert.Contains("Unknown parent 'NOPE'", errors[0].Message);
        Assert.Contains("cannot sit under a Community", errors[4].Message);
        Assert.Equal(["OK"], units.Select(u => u.Code));
    }

    [Fact]
    public void A_duplicated_code_fails_both_rows()
    {
        var (_, errors) = Validate([Row(0, "S7", "Street", "D1"), Row(1, "S7", "Street", "D2", line: 3)]);
        Assert.Equal([0, 1], errors.Select(e => e.Index));
        Assert.All(errors, e => Assert.Equal("code", e.Field));
    }

    [Fact]
    public void A_cycle_inside_the_import_is_refused()
    {
        var (_, errors) = Validate([Row(0, "A", "Street", "B"), Row(1, "B", "Street", "A")]);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("parentCode", e.Field));
        Assert.Contains("cycle: A → B → A", errors[0].Message);
    }

    [Fact]
    public void Moving_a_unit_under_its_own_descendant_is_a_cycle()
    {
        var (_, errors) = Validate([Row(0, "D1", "District", "K1")]);
        var error = Assert.Single(errors);
        Assert.Equal("parentCode", error.Field);
        Assert.Contains("cycle: D1 → K1 → S1 → D1", error.Message);
    }

    [Fact]
    public void A_unit_may_not_be_its_own_parent()
    {
        var (_, errors) = Validate([Row(0, "S1", "Street", "S1")]);
        Assert.Contains(errors, e => e.Field == "parentCode" && e.Message.Contains("own parent"));
    }

    [Fact]
    public void A_street_cannot_stand_at_the_top()
    {
        var (_, errors) = Validate([Row(0, "S8", "Street", null)]);
        Assert.Equal("parentCode", Assert.Single(errors).Field);
    }

    [Fact]
    public void Changing_a_kind_must_suit_the_existing_children()
    {
        var children = new[] { Stored["K1"] };
        var (_, errors) = Validate([Row(0, "S1", "Community", "D1")], children: children);
        var error = Assert.Single(errors);
        Assert.Equal("kind", error.Field);
        Assert.Contains("K1", error.Message);
    }

    [Fact]
    public void A_row_under_a_bad_row_says_so()
    {
        var (_, errors) = Validate([Row(0, "S5", "Nope", "D1"), Row(1, "K5", "Community", "S5")]);
        Assert.Contains("errors of its own", errors.Single(e => e.Index == 1).Message);
    }

    [Fact]
    public void A_district_admin_writes_only_inside_its_scope()
    {
        static bool InD1(string path) => path.StartsWith("/C/D1/", StringComparison.Ordinal);
        var (units, errors) = Validate([
            Row(0, "S2", "Street", "D1"),
            Row(1, "S3", "Street", "D2"),
            Row(2, "D2", "District", "C", name: "改名"),
            Row(3, "NEWCITY", "City", null),
        ], InD1);
        Assert.Equal(["S2"], units.Select(u => u.Code));
        Assert.Equal([1, 2, 3], errors.Select(e => e.Index));
        Assert.Contains("Unknown parent 'D2'", errors[0].Message);
    }

    [Fact]
    public void Paths_after_import_follow_moves()
    {
        var validator = new OrgImportValidator(Stored, [], _ => true);
        var (_, errors) = validator.Validate([Row(0, "S1", "Street", "D2"), Row(1, "K2", "Community", "S1")]);
        Assert.Empty(errors);
        Assert.Equal("/C/D2/S1/", validator.PathAfterImport("S1"));
        Assert.Equal("/C/D2/S1/K2/", validator.PathAfterImport("K2"));
        Assert.Equal("/C/D2/S1/K1/", validator.PathAfterImport("K1"));
    }

    [Theory]
    [InlineData("street")]
    [InlineData("STREET")]
    public void Kinds_are_read_case_insensitively(string kind)
    {
        var (units, errors) = Validate([Row(0, "S6", kind, "D1")]);
        Assert.Empty(errors);
        Assert.Equal(OrgUnitKind.Street, Assert.Single(units).Kind);
    }

    [Fact]
    public void A_number_is_not_a_kind() => Assert.Single(Validate([Row(0, "S6", "2", "D1")]).Errors);

    [Fact]
    public void A_combination_of_kinds_or_levels_is_refused_not_read_as_one_of_them()
    {
        var (units, errors) = Validate([Row(0, "K6", "Street, Community", "S1"), Row(1, "K7", "Community", "S1", level: "Branch, Committee")]);
        Assert.Empty(units);
        Assert.Equal([(0, "kind"), (1, "partyOrgLevel")], errors.Select(e => (e.Index, e.Field)));
        Assert.Contains("expected one of City, District, Street, Community, SeatedUnit.", errors[0].Message);
    }
}
