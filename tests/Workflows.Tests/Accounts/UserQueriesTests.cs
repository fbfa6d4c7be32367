using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Organisation;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

/// <summary>The user administration's list: paged and filtered in the database, within the caller's scope.</summary>
public class UserQueriesTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly string c = "q" + Guid.NewGuid().ToString("N")[..6]; // a unit code and a username prefix alike
    CancellationToken None => CancellationToken.None;
    UserQueries Queries => engine.Get<UserQueries>();

    public async Task InitializeAsync()
    {
        await engine.Get<OrgImport>().ImportAsync([
            new(0, null, c, "市", "City", null, null, null),
            new(1, null, $"{c}-D1", "区一", "District", c, null, null),
            new(2, null, $"{c}-D2", "区二", "District", c, null, null),
            new(3, null, $"{c}-S1", "街道一", "Street", $"{c}-D1", null, null),
            new(4, null, $"{c}-S2", "街道二", "Street", $"{c}-D2", null, null),
        ], Admin, None);
        for (var i = 1; i <= 5; i++)
            await CreateAsync($"{c}-s1-{i}", $"一街道干部{i}", new RoleAssignment("StreetOfficer", $"{c}-S1"));
        await CreateAsync($"{c}-s2-1", $"二街道干部{c}", new RoleAssignment("StreetOfficer", $"{c}-S2"));
        await CreateAsync($"{c}-d1-admin", "区一组织部", new RoleAssignment("DistrictAdmin", $"{c}-D1"));
        await CreateAsync($"{c}-d1-leader", "区一领导", new RoleAssignment("Leader", $"{c}-D1"), new RoleAssignment("Leader", $"{c}-D2"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    Task CreateAsync(string username, string name, params RoleAssignment[] roles) =>
        engine.Get<Users>().CreateAsync(new NewUser(username, "a-long-password", name, roles), null, None);

    Task<Caller> DistrictAdminAsync() => engine.Get<Users>().ActAsAsync($"{c}-d1-admin", None);

    [Fact]
    public async Task A_page_comes_with_the_total_of_the_same_filter_in_username_order()
    {
        var first = await Queries.PageAsync(c + "-s1-", null, 2, 0, Admin, None);
        var last = await Queries.PageAsync(c + "-s1-", null, 2, 4, Admin, None);
        var past = await Queries.PageAsync(c + "-s1-", null, 2, 10, Admin, None);

        Assert.Equal(5, first.Total);
        Assert.Equal([$"{c}-s1-1", $"{c}-s1-2"], first.Items.Select(u => u.Username));
        Assert.Equal([$"{c}-s1-5"], last.Items.Select(u => u.Username));
        Assert.Empty(past.Items);
        Assert.Equal(5, past.Total);
    }

    [Fact]
    public async Task A_district_administrator_sees_only_accounts_with_a_role_in_its_district_and_only_those_roles()
    {
        var page = await Queries.PageAsync(c, null, 50, 0, await DistrictAdminAsync(), None);

        Assert.DoesNotContain($"{c}-s2-1", page.Items.Select(u => u.Username));
        Assert.Equal(7, page.Total); // five street officers, itself, the leader
        var leader = page.Items.Single(u => u.Username == $"{c}-d1-leader");
        Assert.Equal([$"{c}-D1"], leader.Roles.Select(r => r.OrgUnitCode));
        Assert.Null(leader.Disabled); // a leader of another district too: not this administrator's account
        Assert.False(page.Items.Single(u => u.Username == $"{c}-s1-1").Disabled);
    }

    [Fact]
    public async Task The_search_reads_names_too_and_the_role_filter_counts_roles_in_scope_only()
    {
        var byName = await Queries.PageAsync($"街道干部{c}", null, 10, 0, Admin, None);
        var leaders = await Queries.PageAsync(c, Role.Leader, 10, 0, Admin, None);
        var streetOfficersSeenByD1 = await Queries.PageAsync(c, Role.StreetOfficer, 10, 0, await DistrictAdminAsync(), None);

        Assert.Equal([$"{c}-s2-1"], byName.Items.Select(u => u.Username));
        Assert.Equal([$"{c}-d1-leader"], leaders.Items.Select(u => u.Username));
        Assert.Equal(5, streetOfficersSeenByD1.Total);
    }

    [Fact]
    public async Task A_locked_or_disabled_account_says_so_and_a_like_pattern_in_the_search_is_literal()
    {
        await engine.Get<Users>().DisableAsync($"{c}-s1-3", Admin, None);

        var page = await Queries.PageAsync($"{c}-s1-3", null, 10, 0, Admin, None);
        var wildcard = await Queries.PageAsync(c + "-s_-1", null, 10, 0, Admin, None);

        Assert.True(page.Items.Single().Disabled);
        Assert.Empty(wildcard.Items);
        await Assert.ThrowsAsync<RuleViolationException>(() => Queries.PageAsync(null, null, 0, 0, Admin, None));
    }
}
