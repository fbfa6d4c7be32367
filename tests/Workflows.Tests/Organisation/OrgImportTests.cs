using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Organisation;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Organisation;

public class OrgImportTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);

    // each test works in its own city so that tests sharing the database do not see each other's units
    static string NewCity() => "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    static OrgUnitImportRow Row(int i, string code, string kind, string? parent, string? name = null, int? members = null) =>
        new(i, null, code, name ?? code, kind, parent, null, members?.ToString());

    Task<OrgImportResult> ImportAsync(Caller caller, params OrgUnitImportRow[] rows) =>
        engine.Get<OrgImport>().ImportAsync(rows, caller, CancellationToken.None);

    async Task<string?> PathOfAsync(string code)
    {
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<string>("select path from org_unit where code = @code", new { code });
    }

    [Fact]
    public async Task An_import_creates_then_updates_by_code_and_counts_what_it_did()
    {
        var c = NewCity();
        var first = await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-D"));
        var second = await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D", "District", c, name: "改名区"), Row(2, $"{c}-K", "Community", $"{c}-S", members: 120));

        Assert.Equal(new OrgImportResult(3, 0, 0), first);
        Assert.Equal(new OrgImportResult(1, 1, 1), second);
        var district = await engine.Get<OrgUnits>().GetAsync($"{c}-D", Admin, CancellationToken.None);
        Assert.Equal("改名区", district.Name);
        var community = await engine.Get<OrgUnits>().GetAsync($"{c}-K", Admin, CancellationToken.None);
        Assert.Equal($"{c}-S", community.ParentCode);
        Assert.Equal(PartyOrgLevel.Committee, community.SuggestedPartyOrgLevel);
        Assert.Equal($"/{c}/{c}-D/{c}-S/{c}-K/", await PathOfAsync($"{c}-K"));
    }

    [Fact]
    public async Task Moving_a_street_moves_its_whole_subtree()
    {
        var c = NewCity();
        await ImportAsync(Admin,
            Row(0, c, "City", null), Row(1, $"{c}_D1", "District", c), Row(2, $"{c}_D2", "District", c),
            Row(3, $"{c}_S", "Street", $"{c}_D1"), Row(4, $"{c}_K", "Community", $"{c}_S"), Row(5, $"{c}_U", "SeatedUnit", $"{c}_K"));

        await ImportAsync(Admin, Row(0, $"{c}_S", "Street", $"{c}_D2"));

        Assert.Equal($"/{c}/{c}_D2/{c}_S/", await PathOfAsync($"{c}_S"));
        Assert.Equal($"/{c}/{c}_D2/{c}_S/{c}_K/", await PathOfAsync($"{c}_K"));
        Assert.Equal($"/{c}/{c}_D2/{c}_S/{c}_K/{c}_U/", await PathOfAsync($"{c}_U"));
    }

    [Fact]
    public async Task Every_unit_knows_its_line_of_ancestors_its_street_and_its_district_also_after_a_move()
    {
        var c = NewCity();
        await ImportAsync(Admin,
            Row(0, c, "City", null), Row(1, $"{c}_D1", "District", c), Row(2, $"{c}_D2", "District", c),
            Row(3, $"{c}_S", "Street", $"{c}_D1"), Row(4, $"{c}_K", "Community", $"{c}_S"));
        await ImportAsync(Admin, Row(0, $"{c}_S", "Street", $"{c}_D2"));

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var ids = (await connection.QueryAsync<(string Code, long Id)>("select code, id from org_unit where code like @p", new { p = c + "%" })).ToDictionary(r => r.Code, r => r.Id);
        var line = await connection.QuerySingleAsync<(long[] Chain, long? StreetId, long? DistrictId)>(
            "select chain, street_id, district_id from org_unit where code = @code", new { code = $"{c}_K" });
        Assert.Equal([ids[c], ids[$"{c}_D2"], ids[$"{c}_S"], ids[$"{c}_K"]], line.Chain);
        Assert.Equal(ids[$"{c}_S"], line.StreetId);
        Assert.Equal(ids[$"{c}_D2"], line.DistrictId);
    }

    [Fact]
    public async Task A_bad_row_writes_nothing_at_all()
    {
        var c = NewCity();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(Admin,
            Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-MISSING")));

        Assert.Equal("/2/parentCode", Assert.Single(error.Errors).Field);
        Assert.Null(await PathOfAsync(c));
        Assert.Null(await PathOfAsync($"{c}-D"));
    }

    [Fact]
    public async Task A_kind_change_that_would_strand_roles_is_refused_on_that_row_and_writes_nothing()
    {
        var c = NewCity();
        await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-D"), Row(3, $"{c}-T", "City", null));
        var users = engine.Get<Users>();
        foreach (var (name, role, unit) in new[] { ("so", "StreetOfficer", $"{c}-S"), ("ld", "Leader", $"{c}-S"), ("in", "Inspector", $"{c}-S"), ("tl", "Leader", $"{c}-T") })
            await users.CreateAsync(new NewUser($"{name}-{c.ToLowerInvariant()}", "correct-horse", null, [new RoleAssignment(role, unit)]), Admin, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(Admin,
            Row(0, $"{c}-K", "Community", $"{c}-D"), Row(1, $"{c}-S", "Community", $"{c}-D", name: "改名")));

        var only = Assert.Single(error.Errors);
        Assert.Equal("/1/kind", only.Field);
        Assert.Contains("Inspector (in-", only.Message);
        Assert.Contains("Leader (ld-", only.Message);
        Assert.Contains("StreetOfficer (so-", only.Message);
        Assert.Null(await PathOfAsync($"{c}-K"));
        Assert.Equal(OrgUnitKind.Street, (await engine.Get<OrgUnits>().GetAsync($"{c}-S", Admin, CancellationToken.None)).Kind);
        // a Leader fits a District as well as a City: that change goes through
        Assert.Equal(1, (await ImportAsync(Admin, Row(0, $"{c}-T", "District", null))).Updated);
    }

    [Fact]
    public async Task A_kind_change_and_a_role_granted_at_the_same_time_never_both_pass()
    {
        var c = NewCity();
        const int pairs = 12;
        await ImportAsync(Admin, [Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-D"),
            .. Enumerable.Range(0, pairs).Select(i => Row(3 + i, $"{c}-K{i}", "Community", $"{c}-S"))]);
        var users = engine.Get<Users>();

        // each community is made a street while an officer is placed on it as a community: one of the two must lose
        var outcomes = await Task.WhenAll(Enumerable.Range(0, pairs).Select(async i =>
        {
            var import = Task.Run(() => Succeeds(() => ImportAsync(Admin, Row(0, $"{c}-K{i}", "Street", $"{c}-D"))));
            var grant = Task.Run(() => Succeeds(() => users.CreateAsync(
                new NewUser($"race{i}-{c.ToLowerInvariant()}", "correct-horse", null, [new RoleAssignment("CommunityOfficer", $"{c}-K{i}")]), Admin, CancellationToken.None)));
            return (Import: await import, Grant: await grant);
        }));

        Assert.All(outcomes, o => Assert.False(o.Import && o.Grant));
        Assert.All(outcomes, o => Assert.True(o.Import || o.Grant));
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "select count(*) from user_role r join org_unit u on u.id = r.org_unit_id where r.role = 'CommunityOfficer' and u.kind <> 'Community' and u.code like @prefix",
            new { prefix = $"{c}-%" }));
    }

    static async Task<bool> Succeeds(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RuleViolationException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Each_import_that_changes_something_is_journaled_and_one_that_changes_nothing_is_not()
    {
        var c = NewCity();
        var journal = engine.Get<EventJournal>();
        var before = (await journal.ReadAsync(JournalStreams.Organisation, CancellationToken.None)).Count;
        await ImportAsync(Admin, Row(0, c, "City", null));
        await ImportAsync(Admin, Row(0, c, "City", null));

        var entries = await journal.ReadAsync(JournalStreams.Organisation, CancellationToken.None);
        Assert.Equal(before + 1, entries.Count);
        Assert.Equal("OrgUnitsImported", entries[^1].Action);
        Assert.Contains(c, entries[^1].Payload);
        Assert.True((await journal.VerifyAsync(JournalStreams.Organisation, CancellationToken.None)).Valid);
    }

    [Fact]
    public async Task Only_administrators_import()
    {
        var c = NewCity();
        await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-D"));
        var officer = new Caller(9, "officer", [new RoleGrant(Role.StreetOfficer, $"{c}-S", $"/{c}/{c}-D/{c}-S/")]);

        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(officer, Row(0, $"{c}-K", "Community", $"{c}-S")));
    }

    [Fact]
    public async Task A_district_admin_imports_inside_its_district_only()
    {
        var c = NewCity();
        await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D1", "District", c), Row(2, $"{c}-D2", "District", c));
        var districtAdmin = new Caller(9, "da", [new RoleGrant(Role.DistrictAdmin, $"{c}-D1", $"/{c}/{c}-D1/")]);

        var ok = await ImportAsync(districtAdmin, Row(0, $"{c}-S1", "Street", $"{c}-D1"));
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(districtAdmin, Row(0, $"{c}-S2", "Street", $"{c}-D2")));

        Assert.Equal(1, ok.Created);
        Assert.Contains("Unknown parent", Assert.Single(refused.Errors).Message);
    }

    [Fact]
    public async Task Secretaries_carry_the_responsibility_of_their_unit_kind()
    {
        var c = NewCity();
        await ImportAsync(Admin, Row(0, c, "City", null), Row(1, $"{c}-D", "District", c), Row(2, $"{c}-S", "Street", $"{c}-D"));
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
            await connection.ExecuteAsync("insert into app_user (username, display_name, password_hash, created_at) values (@u, '书记', 'x', now())", new { u = $"sec-{c.ToLowerInvariant()}" });
        var units = engine.Get<OrgUnits>();

        var district = await units.SetSecretaryAsync($"{c}-D", $"sec-{c.ToLowerInvariant()}", Admin, CancellationToken.None);
        var street = await units.SetSecretaryAsync($"{c}-S", $"SEC-{c}", Admin, CancellationToken.None);

        Assert.Equal("FirstResponsible", district.Secretary!.Responsibility);
        Assert.Equal("DirectResponsible", street.Secretary!.Responsibility);
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => units.SetSecretaryAsync($"{c}-S", "nobody", Admin, CancellationToken.None));
        Assert.Equal("/username", Assert.Single(unknown.Errors).Field);
    }
}
