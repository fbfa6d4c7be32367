using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Organisation;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

public class AccountControlTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    const string Password = "correct-horse";
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly string c = "A" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    static int addresses;
    readonly string address = "198.51.100." + Interlocked.Increment(ref addresses); // the test's own

    public async Task InitializeAsync() =>
        await engine.Get<OrgImport>().ImportAsync([
            new(0, null, c, "市", "City", null, null, null),
            new(1, null, $"{c}-D1", "区一", "District", c, null, null),
            new(2, null, $"{c}-D2", "区二", "District", c, null, null),
            new(3, null, $"{c}-S1", "街道", "Street", $"{c}-D1", null, null),
        ], Admin, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    Users Users => engine.Get<Users>();
    AccessTokens Tokens => engine.Get<AccessTokens>();
    CancellationToken None => CancellationToken.None;

    async Task<string> CreateAsync(params RoleAssignment[] roles)
    {
        var username = "p" + Guid.NewGuid().ToString("N")[..10];
        await Users.CreateAsync(new NewUser(username, Password, null, roles), null, None);
        return username;
    }

    Task<string> OfficerAsync() => CreateAsync(new RoleAssignment("StreetOfficer", $"{c}-S1"), new RoleAssignment("Leader", $"{c}-D1"));

    async Task<string> LoginAsync(string username, string password = Password) =>
        (await Tokens.IssueAsync(username, password, address, None))?.Value ?? throw new InvalidOperationException($"{username} could not sign in.");

    async Task<bool> LiveAsync(string token) => await Tokens.AuthenticateAsync(token, None) is not null;

    async Task<List<string>> JournaledAsync(string username) =>
        (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Accounts, None)).Where(e => e.Subject == username).Select(e => $"{e.Actor} {e.Action}").ToList();

    [Fact]
    public async Task Disabling_ends_every_session_and_the_calendar_link_and_enabling_revives_neither()
    {
        var username = await OfficerAsync();
        var token = await LoginAsync(username);
        var feed = await engine.Get<FeedTokens>().RenewAsync(await Users.ActAsAsync(username, None), None);

        var disabled = await Users.DisableAsync(username, Admin, None);

        Assert.True(disabled.Disabled);
        Assert.False(await LiveAsync(token));
        Assert.Null(await engine.Get<FeedTokens>().AuthenticateAsync(feed, None));
        Assert.Null(await Tokens.IssueAsync(username, Password, address, None));

        Assert.False((await Users.EnableAsync(username, Admin, None)).Disabled);
        Assert.False(await LiveAsync(token));
        Assert.Null(await engine.Get<FeedTokens>().AuthenticateAsync(feed, None));
        await LoginAsync(username);
        Assert.Equal(["admin UserDisabled", "admin UserEnabled"], (await JournaledAsync(username)).Skip(2));
    }

    [Fact]
    public async Task A_disabled_accounts_calendar_link_stops_although_it_still_exists()
    {
        var username = await OfficerAsync();
        var feed = await engine.Get<FeedTokens>().RenewAsync(await Users.ActAsAsync(username, None), None);
        await Users.DisableAsync(username, null, None);
        // a link made while disabled (by the host's own tools) is no way in either
        var later = await engine.Get<FeedTokens>().RenewAsync(await Users.ActAsAsync(username, None), None);

        Assert.Null(await engine.Get<FeedTokens>().AuthenticateAsync(feed, None));
        Assert.Null(await engine.Get<FeedTokens>().AuthenticateAsync(later, None));
    }

    [Fact]
    public async Task No_one_disables_their_own_account_or_resets_their_own_password_without_the_current_one()
    {
        var me = await Users.ActAsAsync(await CreateAsync(new RoleAssignment("SystemAdmin")), None);

        await Assert.ThrowsAsync<ForbiddenException>(() => Users.DisableAsync(me.Username, me, None));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.ResetPasswordAsync(me.Username, "another-password", me, None));
    }

    [Fact]
    public async Task A_reset_sets_the_password_ends_the_sessions_and_lifts_the_locks()
    {
        var username = await OfficerAsync();
        var token = await LoginAsync(username);
        for (var i = 0; i < 5; i++) await Tokens.IssueAsync(username, "guess-" + i, address, None);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Users.ResetPasswordAsync(username, "short", Admin, None));
        Assert.Equal("/password", Assert.Single(error.Errors).Field);
        await Users.ResetPasswordAsync(username, "a-new-password", Admin, None);

        Assert.False(await LiveAsync(token));
        Assert.Null(await Tokens.IssueAsync(username, Password, address, None));
        await LoginAsync(username, "a-new-password");
        Assert.Contains("admin PasswordReset", await JournaledAsync(username));
    }

    [Fact]
    public async Task Changing_ones_own_password_needs_the_current_one_and_ends_every_session()
    {
        var username = await OfficerAsync();
        var token = await LoginAsync(username);
        var me = await Users.ActAsAsync(username, None);

        var wrong = await Assert.ThrowsAsync<RuleViolationException>(() => Users.ChangeOwnPasswordAsync(me, "not-it", "short", address, None));
        Assert.Equal(["/currentPassword", "/password"], wrong.Errors.Select(e => e.Field));
        var missing = await Assert.ThrowsAsync<RuleViolationException>(() => Users.ChangeOwnPasswordAsync(me, null, "a-new-password", address, None));
        Assert.Equal("/currentPassword", Assert.Single(missing.Errors).Field);
        Assert.True(await LiveAsync(token));

        await Users.ChangeOwnPasswordAsync(me, Password, "a-new-password", address, None);

        Assert.False(await LiveAsync(token));
        await LoginAsync(username, "a-new-password");
        Assert.Equal($"{username} PasswordChanged", (await JournaledAsync(username))[^1]);
    }

    [Fact]
    public async Task Wrong_current_passwords_lock_the_address_out_like_failed_logins()
    {
        var username = await OfficerAsync();
        var me = await Users.ActAsAsync(username, None);
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<RuleViolationException>(() => Users.ChangeOwnPasswordAsync(me, "guess-" + i, "a-new-password", address, None));

        await Assert.ThrowsAsync<RuleViolationException>(() => Users.ChangeOwnPasswordAsync(me, Password, "a-new-password", address, None));
        Assert.Null(await Tokens.IssueAsync(username, Password, address, None));
        Assert.NotNull(await Tokens.IssueAsync(username, Password, "192.0.2.200", None));
    }

    [Fact]
    public async Task Signing_out_ends_every_session_of_that_person_only()
    {
        var username = await OfficerAsync();
        var other = await OfficerAsync();
        var tokens = new[] { await LoginAsync(username), await LoginAsync(username) };
        var others = await LoginAsync(other);

        await Users.SignOutAsync(username, Admin, None);

        Assert.False(await LiveAsync(tokens[0]));
        Assert.False(await LiveAsync(tokens[1]));
        Assert.True(await LiveAsync(others));

        var again = await LoginAsync(username);
        await Users.SignOutEverywhereAsync(await Users.ActAsAsync(username, None), None);
        Assert.False(await LiveAsync(again));
        Assert.Equal(["admin SignedOutEverywhere", $"{username} SignedOutEverywhere"], (await JournaledAsync(username)).Skip(1));
    }

    [Fact]
    public async Task Removing_a_role_ends_the_sessions_but_never_takes_the_last_role_or_ones_own()
    {
        var username = await OfficerAsync();
        var token = await LoginAsync(username);

        var view = await Users.RemoveRoleAsync(username, $"Leader@{c}-D1", Admin, None);

        Assert.Equal([new RoleView(Role.StreetOfficer, $"{c}-S1")], view.Roles);
        Assert.False(await LiveAsync(token));
        await Assert.ThrowsAsync<NotFoundException>(() => Users.RemoveRoleAsync(username, $"Leader@{c}-D1", Admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => Users.RemoveRoleAsync(username, $"StreetOfficer@{c}-S1", Admin, None));
        var me = await Users.ActAsAsync(await CreateAsync(new RoleAssignment("SystemAdmin"), new RoleAssignment("Leader", c)), None);
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.RemoveRoleAsync(me.Username, $"Leader@{c}", me, None));
        Assert.Contains("admin RoleRemoved", await JournaledAsync(username));
    }

    [Fact]
    public async Task Granting_a_role_is_held_to_the_rules_of_creating_a_user()
    {
        var username = await OfficerAsync();
        var districtAdmin = await Users.ActAsAsync(await CreateAsync(new RoleAssignment("DistrictAdmin", $"{c}-D1")), None);

        var view = await Users.AddRoleAsync(username, new RoleAssignment("Inspector", $"{c}-S1"), districtAdmin, None);
        Assert.Contains(new RoleView(Role.Inspector, $"{c}-S1"), view.Roles);
        var root = await Assert.ThrowsAsync<RuleViolationException>(() => Users.AddRoleAsync(username, new RoleAssignment("SystemAdmin"), districtAdmin, None));
        Assert.Equal("/role", Assert.Single(root.Errors).Field);
        var elsewhere = await Assert.ThrowsAsync<RuleViolationException>(() => Users.AddRoleAsync(username, new RoleAssignment("Leader", $"{c}-D2"), districtAdmin, None));
        Assert.Equal("/orgUnitCode", Assert.Single(elsewhere.Errors).Field);
    }

    [Fact]
    public async Task A_district_administrator_controls_accounts_inside_its_district_only()
    {
        var districtAdmin = await Users.ActAsAsync(await CreateAsync(new RoleAssignment("DistrictAdmin", $"{c}-D1")), None);
        var inside = await OfficerAsync();
        var straddling = await CreateAsync(new RoleAssignment("Leader", $"{c}-D1"), new RoleAssignment("Leader", $"{c}-D2"));
        var outside = await CreateAsync(new RoleAssignment("Leader", $"{c}-D2"));
        var peer = await CreateAsync(new RoleAssignment("DistrictAdmin", $"{c}-D1"));
        var cityAdmin = await Users.ActAsAsync(await CreateAsync(new RoleAssignment("DistrictAdmin", c)), None);

        Assert.True((await Users.DisableAsync(inside, districtAdmin, None)).Disabled);
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.DisableAsync(straddling, districtAdmin, None));
        await Assert.ThrowsAsync<NotFoundException>(() => Users.DisableAsync(outside, districtAdmin, None));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.ResetPasswordAsync(peer, "taken-over-1", districtAdmin, None));
        await Users.ResetPasswordAsync(peer, "from-above-1", cityAdmin, None);

        // what an administrator sees of an account, others do not
        Assert.Null((await Users.GetAsync(straddling, districtAdmin, None)).Disabled);
        Assert.False((await Users.GetAsync(straddling, cityAdmin, None)).Disabled);
    }
}
