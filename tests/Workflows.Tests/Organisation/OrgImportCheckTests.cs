using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Organisation;

namespace CommunityWorkflows.Workflows.Tests.Organisation;

/// <summary>The import's check: what the import would refuse or do, with nothing written either way.</summary>
public class OrgImportCheckTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly string c = "K" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    CancellationToken None => CancellationToken.None;

    Task<OrgUnitView> GetAsync(string code) => engine.Get<OrgUnits>().GetAsync(code, Admin, None);

    [Fact]
    public async Task A_clean_file_is_counted_as_the_import_would_count_it_and_nothing_is_written()
    {
        await engine.Get<OrgImport>().ImportAsync([new(0, 2, c, "市", "City", null, null, null)], Admin, None);
        OrgUnitImportRow[] rows = [new(0, 2, c, "江城", "City", null, null, null), new(1, 3, $"{c}-D", "区", "District", c, null, null)];

        var check = await engine.Get<OrgImport>().CheckAsync(rows, Admin, None);

        Assert.Equal(new OrgImportResult(1, 1, 0), check);
        Assert.Equal("市", (await GetAsync(c)).Name);
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync($"{c}-D"));
    }

    [Fact]
    public async Task Every_bad_row_is_refused_by_line_and_field_as_the_import_refuses_it()
    {
        OrgUnitImportRow[] rows = [new(0, 2, c, "市", "City", null, null, null), new(1, 3, $"{c}-D", "区", "Village", c, null, null)];

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => engine.Get<OrgImport>().CheckAsync(rows, Admin, None));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("/1/kind", error.Field);
        Assert.StartsWith("Line 3:", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(c));
    }
}
