using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Workflows.Runtime;
using static CommunityWorkflows.Workflows.Tests.Definitions.TemplateBodies;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

/// <summary>
/// Who may change a template and where it is launched: the shipped templates belong to the installation (system
/// administrators and the city's district administrators), a district administrator's own template to their
/// district, launched only inside it.
/// </summary>
public class TemplateOwnershipTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    const string Annual = "annual-responsibility";
    const int Year = 2026;
    static readonly CancellationToken None = CancellationToken.None;

    Templates Templates => engine.Get<Templates>();

    /// <summary>A city of its own with districts A and B (a street each) and their district administrators.</summary>
    sealed record Town(
        string City, string A, string B, Caller AdminOfA, Caller AdminOfB, Caller CityAdmin, Caller AdminOfBoth, Caller LeaderOfCityAdminOfA, Caller OfficerInA);

    async Task<Town> TownAsync()
    {
        var p = "O" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        string a = $"{p}-A", b = $"{p}-B";
        await engine.Get<OrgImport>().ImportAsync(
        [
            new OrgUnitImportRow(0, null, p, "测试市", "City", null, null, null),
            new OrgUnitImportRow(1, null, a, "甲区", "District", p, null, null),
            new OrgUnitImportRow(2, null, $"{a}-S", "甲区街道", "Street", a, null, null),
            new OrgUnitImportRow(3, null, b, "乙区", "District", p, null, null),
            new OrgUnitImportRow(4, null, $"{b}-S", "乙区街道", "Street", b, null, null),
            new OrgUnitImportRow(5, null, $"{b}-S-K", "乙区社区", "Community", $"{b}-S", null, null),
        ], Admin, None);
        return new Town(p, a, b,
            await UserAsync($"{p}.a", DistrictAdmin(a)), await UserAsync($"{p}.b", DistrictAdmin(b)), await UserAsync($"{p}.city", DistrictAdmin(p)),
            await UserAsync($"{p}.ab", DistrictAdmin(a), DistrictAdmin(b)), await UserAsync($"{p}.la", new RoleAssignment("Leader", p), DistrictAdmin(a)),
            await UserAsync($"{p}.s", new RoleAssignment("StreetOfficer", $"{a}-S")));
    }

    static RoleAssignment DistrictAdmin(string code) => new("DistrictAdmin", code);

    async Task<Caller> UserAsync(string username, params RoleAssignment[] roles)
    {
        await engine.Get<Users>().CreateAsync(new NewUser(username, "pass-word-1", username, roles), null, None);
        var tokens = engine.Get<AccessTokens>();
        var token = await tokens.IssueAsync(username, "pass-word-1", "192.0.2.1", None) ?? throw new InvalidOperationException();
        return await tokens.AuthenticateAsync(token.Value, None) ?? throw new InvalidOperationException();
    }

    async Task<CycleView> LaunchAsync(string key, string scope, Caller caller)
    {
        var template = await Templates.LoadPublishedAsync(key, null, None);
        return await engine.Get<CycleLauncher>().LaunchAsync(new LaunchRequest(template.Key, template.Version, template.Definition, Year, scope), caller, None);
    }

    /// <summary>Every version of a template as stored, and its journal: what must not move when a change is refused.</summary>
    async Task<string> StateAsync(string key)
    {
        var summary = (await Templates.ListAsync(None)).Single(t => t.Key == key);
        var versions = new List<object>();
        for (var v = 1; v <= summary.LatestVersion; v++)
        {
            var stored = await Templates.GetVersionAsync(key, v, None);
            versions.Add(new { stored.Status, stored.UpdatedBy, stored.PublishedBy, Definition = TemplateJson.Serialize(stored.Definition) });
        }
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Template(key), None);
        return JsonSerializer.Serialize(new { summary, versions, journal = journal.Select(e => e.Hash) });
    }

    static JsonElement Renamed(TemplateVersion version, string name) =>
        Parse(TemplateJson.Serialize(version.Definition with { Name = name }));

    [Fact]
    public async Task A_system_administrator_edits_and_publishes_the_shipped_template_which_stays_the_installations()
    {
        var shipped = await Templates.GetLatestAsync(Annual, None);
        Assert.Null(shipped.OwnerScopeCode);

        var draft = await Templates.ReplaceDraftAsync(Annual, Renamed(shipped, "全市年度考核（修订）"), Admin, None);
        var published = await Templates.PublishAsync(Annual, Admin, None);

        Assert.Equal((draft.Version, TemplateStatus.Published), (published.Version, published.Status));
        var latest = await Templates.GetLatestAsync(Annual, None);
        Assert.Equal(("全市年度考核（修订）", published.Version, (string?)null), (latest.Definition.Name, latest.Version, latest.OwnerScopeCode));
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Template(Annual), None);
        Assert.Equal(["DraftCreated", "Published"], journal.TakeLast(2).Select(e => e.Action));
        Assert.All(journal.TakeLast(2), e => Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(e.Payload!).RootElement.GetProperty("ownerScopeCode").ValueKind));
    }

    [Fact]
    public async Task The_citys_district_administrator_edits_and_publishes_the_shipped_template()
    {
        var town = await TownAsync();
        var shipped = await Templates.GetLatestAsync(Annual, None);

        await Templates.ReplaceDraftAsync(Annual, Renamed(shipped, "全市年度考核（市委组织部修订）"), town.CityAdmin, None);
        var published = await Templates.PublishAsync(Annual, town.CityAdmin, None);

        var latest = await Templates.GetLatestAsync(Annual, None);
        Assert.Equal(("全市年度考核（市委组织部修订）", published.Version, town.CityAdmin.Username, (string?)null),
            (latest.Definition.Name, latest.Version, latest.PublishedBy, latest.OwnerScopeCode));
    }

    [Fact]
    public async Task District_administrators_and_other_roles_may_neither_rewrite_nor_publish_the_shipped_template()
    {
        var town = await TownAsync();
        var shipped = await Templates.GetLatestAsync(Annual, None);
        var refused = new[] { town.AdminOfA, town.AdminOfB, town.AdminOfBoth, town.LeaderOfCityAdminOfA, town.OfficerInA };
        foreach (var caller in refused)
        {
            var before = await StateAsync(Annual);
            await Assert.ThrowsAsync<ForbiddenException>(() => Templates.ReplaceDraftAsync(Annual, Renamed(shipped, $"TAMPERED by {caller.Username}"), caller, None));
            Assert.Equal(before, await StateAsync(Annual));
        }

        // a draft a system administrator is still working on is not theirs to publish either
        await Templates.ReplaceDraftAsync(Annual, Renamed(shipped, "修订中"), Admin, None);
        var pending = await StateAsync(Annual);
        foreach (var caller in refused)
            await Assert.ThrowsAsync<ForbiddenException>(() => Templates.PublishAsync(Annual, caller, None));
        Assert.Equal(pending, await StateAsync(Annual));
        Assert.Equal(TemplateStatus.Draft, (await Templates.ListAsync(None)).Single(t => t.Key == Annual).Status);
    }

    [Fact]
    public async Task A_district_administrators_template_belongs_to_their_district_where_they_edit_publish_and_launch_it()
    {
        var town = await TownAsync();
        var key = NewKey();

        await Templates.CreateAsync(Valid(key), town.AdminOfA, None);
        Assert.Equal(town.A, (await Templates.GetLatestAsync(key, None)).OwnerScopeCode);
        await Templates.ReplaceDraftAsync(key, Valid(key, "甲区考核"), town.AdminOfA, None);
        await Templates.PublishAsync(key, town.AdminOfA, None);
        // the city's district administrator is above the owner, and the owner stays with every new version
        await Templates.ReplaceDraftAsync(key, Valid(key, "甲区考核（市里改）"), town.CityAdmin, None);
        await Templates.PublishAsync(key, town.CityAdmin, None);
        await Templates.ReplaceDraftAsync(key, Valid(key, "甲区考核（第三版）"), Admin, None);

        var latest = await Templates.GetLatestAsync(key, None);
        Assert.Equal((2, "甲区考核（市里改）", town.A), (latest.Version, latest.Definition.Name, latest.OwnerScopeCode));
        Assert.Equal(town.A, (await Templates.GetVersionAsync(key, 1, None)).OwnerScopeCode);
        Assert.Equal(town.A, (await Templates.GetVersionAsync(key, 3, None)).OwnerScopeCode);
        Assert.Equal(town.A, (await Templates.ListAsync(None)).Single(t => t.Key == key).OwnerScopeCode);
        var cycle = await LaunchAsync(key, town.A, town.AdminOfA);
        Assert.Equal((key, 2, 1), (cycle.TemplateKey, cycle.TemplateVersion, cycle.ParticipantCount));
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Template(key), None);
        Assert.Equal(["DraftCreated", "DraftReplaced", "Published", "DraftCreated", "Published", "DraftCreated"], journal.Select(e => e.Action));
        Assert.All(journal, e => Assert.Equal(town.A, JsonDocument.Parse(e.Payload!).RootElement.GetProperty("ownerScopeCode").GetString()));
    }

    [Fact]
    public async Task Another_districts_administrator_or_a_street_officer_may_not_edit_or_publish_a_districts_template()
    {
        var town = await TownAsync();
        var key = NewKey();
        await Templates.CreateAsync(Valid(key, "甲区考核"), town.AdminOfA, None);

        var before = await StateAsync(key);
        foreach (var caller in new[] { town.AdminOfB, town.OfficerInA })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Templates.ReplaceDraftAsync(key, Valid(key, "乙区改的"), caller, None));
            await Assert.ThrowsAsync<ForbiddenException>(() => Templates.PublishAsync(key, caller, None));
        }
        Assert.Equal(before, await StateAsync(key));
        var latest = await Templates.GetLatestAsync(key, None);
        Assert.Equal(("甲区考核", TemplateStatus.Draft), (latest.Definition.Name, latest.Status));
    }

    [Fact]
    public async Task A_districts_template_is_launched_only_inside_it_while_the_shipped_one_launches_in_every_district()
    {
        var town = await TownAsync();
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), town.AdminOfA, None);
        await Templates.PublishAsync(key, town.AdminOfA, None);

        foreach (var (scope, caller) in new[] { (town.B, town.AdminOfB), (town.B, Admin), (town.City, town.CityAdmin), (town.City, Admin) })
        {
            var refused = await Assert.ThrowsAsync<ForbiddenException>(() => LaunchAsync(key, scope, caller));
            Assert.Contains($"belongs to {town.A}", refused.Message);
        }
        Assert.DoesNotContain(await engine.Get<CycleQueries>().ListAsync(Year, Admin, None), c => c.TemplateKey == key);
        // inside the owner, whoever may launch there
        Assert.Equal(1, (await LaunchAsync(key, town.A, town.CityAdmin)).ParticipantCount);

        Assert.Equal(1, (await LaunchAsync(Annual, town.A, town.AdminOfA)).ParticipantCount);
        Assert.Equal(1, (await LaunchAsync(Annual, town.B, town.AdminOfB)).ParticipantCount);
    }

    [Fact]
    public async Task A_city_owned_template_launches_in_every_district_of_the_city()
    {
        var town = await TownAsync();
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), town.CityAdmin, None);
        Assert.Equal(town.City, (await Templates.GetLatestAsync(key, None)).OwnerScopeCode);
        await Templates.PublishAsync(key, town.CityAdmin, None);
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.ReplaceDraftAsync(key, Valid(key, "区里改的"), town.AdminOfA, None));

        Assert.Equal(1, (await LaunchAsync(key, town.A, town.AdminOfA)).ParticipantCount);
        Assert.Equal(1, (await LaunchAsync(key, town.B, town.AdminOfB)).ParticipantCount);
    }

    [Fact]
    public async Task A_creator_names_an_owner_they_administer_and_one_who_administers_several_districts_must_name_it()
    {
        var town = await TownAsync();
        var unnamed = NewKey();
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(Valid(unnamed), town.AdminOfBoth, None));
        Assert.Equal(["/ownerScopeCode"], refused.Errors.Select(e => e.Field));
        Assert.Contains($"{town.A}, {town.B}", refused.Errors[0].Message);

        var key = NewKey();
        await Templates.CreateAsync(Owned(key, town.B), town.AdminOfBoth, None);
        Assert.Equal(town.B, (await Templates.GetLatestAsync(key, None)).OwnerScopeCode);
        var street = NewKey();
        await Templates.CreateAsync(Owned(street, $"{town.A}-S"), town.AdminOfA, None);
        Assert.Equal($"{town.A}-S", (await Templates.GetLatestAsync(street, None)).OwnerScopeCode);
        var ofA = NewKey();
        await Templates.CreateAsync(Owned(ofA, town.A), town.CityAdmin, None);
        Assert.Equal(town.A, (await Templates.GetLatestAsync(ofA, None)).OwnerScopeCode);

        // a unit out of their sight is unknown to them, as a launch's scope is
        foreach (var owner in new[] { town.B, town.City, "NOWHERE" })
        {
            var other = NewKey();
            var e = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(Owned(other, owner), town.AdminOfA, None));
            Assert.Equal(["/ownerScopeCode"], e.Errors.Select(f => f.Field));
            Assert.Equal($"Unknown org unit '{owner}'.", e.Errors[0].Message);
            Assert.DoesNotContain(await Templates.ListAsync(None), t => t.Key == other);
        }
        // a unit in sight that they do not administer is refused
        var city = NewKey();
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.CreateAsync(Owned(city, town.City), town.LeaderOfCityAdminOfA, None));
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.CreateAsync(Valid(NewKey()), town.OfficerInA, None));
        Assert.DoesNotContain(await Templates.ListAsync(None), t => t.Key == city || t.Key == unnamed);
    }

    [Fact]
    public async Task A_system_administrator_names_any_unit_a_cycle_can_be_launched_over_or_none()
    {
        var town = await TownAsync();
        var ofB = NewKey();
        await Templates.CreateAsync(Owned(ofB, town.B), Admin, None);
        Assert.Equal(town.B, (await Templates.GetLatestAsync(ofB, None)).OwnerScopeCode);
        await Templates.PublishAsync(ofB, town.AdminOfB, None);
        var street = NewKey();
        await Templates.CreateAsync(Owned(street, $"{town.B}-S"), Admin, None);
        await Templates.ReplaceDraftAsync(street, Valid(street, "街道的"), town.AdminOfB, None);
        var installation = NewKey();
        await Templates.CreateAsync(Valid(installation), Admin, None);
        Assert.Null((await Templates.GetLatestAsync(installation, None)).OwnerScopeCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.PublishAsync(installation, town.AdminOfB, None));
        await Templates.PublishAsync(installation, town.CityAdmin, None);

        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(Owned(NewKey(), "NOWHERE"), Admin, None));
        Assert.Equal(["/ownerScopeCode"], unknown.Errors.Select(e => e.Field));
        var community = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(Owned(NewKey(), $"{town.B}-S-K"), Admin, None));
        Assert.Equal(["/ownerScopeCode"], community.Errors.Select(e => e.Field));
        var broken = Parse($$"""{"key":"{{NewKey()}}","ownerScopeCode":"NOWHERE","name":"坏","participants":{"kind":"Village"},"stages":[]}""");
        var both = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(broken, Admin, None));
        Assert.Equal(["/participants/kind", "/stages", "/ownerScopeCode"], both.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task A_draft_may_repeat_its_owner_but_never_change_it()
    {
        var town = await TownAsync();
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), town.AdminOfA, None);

        foreach (var caller in new[] { town.AdminOfA, town.CityAdmin, Admin })
        {
            var moved = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.ReplaceDraftAsync(key, Owned(key, town.B), caller, None));
            Assert.Equal(["/ownerScopeCode"], moved.Errors.Select(e => e.Field));
        }
        await Templates.ReplaceDraftAsync(key, Owned(key, town.A, "重申归属"), town.AdminOfA, None);
        var latest = await Templates.GetLatestAsync(key, None);
        Assert.Equal(("重申归属", town.A), (latest.Definition.Name, latest.OwnerScopeCode));

        var claimed = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.ReplaceDraftAsync(Annual, Owned(Annual, town.A), Admin, None));
        Assert.Equal(["/ownerScopeCode"], claimed.Errors.Select(e => e.Field));
        Assert.Null((await Templates.GetLatestAsync(Annual, None)).OwnerScopeCode);
    }
}
