using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Jobs;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

public class AccessTokenTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    // addresses of this test's own: the class's tests share a database, and an address's failures add up across accounts
    static int addresses;
    readonly string home = NextAddress("192.0.2");
    readonly string attacker = NextAddress("203.0.113");

    static string NextAddress(string network) => $"{network}.{Interlocked.Increment(ref addresses)}";

    async Task<string> NewUserAsync(string password = "right-password")
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..10];
        await engine.Get<Users>().CreateAsync(new NewUser(username, password, null, [new RoleAssignment("SystemAdmin", null)]), null, CancellationToken.None);
        return username;
    }

    AccessTokens Tokens => engine.Get<AccessTokens>();

    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);

    Task<AccessToken?> LoginAsync(string username, string password, string? from = null) => Tokens.IssueAsync(username, password, from ?? home, CancellationToken.None);

    async Task FailAsync(string username, int times, string? from = null)
    {
        for (var i = 0; i < times; i++)
            Assert.Null(await LoginAsync(username, "guess-" + i, from ?? home));
    }

    [Fact]
    public async Task The_right_password_gets_a_token_that_names_the_caller_and_their_roles()
    {
        var username = await NewUserAsync();
        var token = await LoginAsync(username.ToUpperInvariant(), "right-password");

        var caller = await Tokens.AuthenticateAsync(token!.Value, CancellationToken.None);
        Assert.Equal(username, caller!.Username);
        Assert.True(caller.IsSystemAdmin);
        Assert.Equal(engine.Clock.GetUtcNow() + TimeSpan.FromHours(8), token.ExpiresAt);
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_users_get_nothing()
    {
        var username = await NewUserAsync();
        Assert.Null(await LoginAsync(username, "wrong-password"));
        Assert.Null(await LoginAsync("no-such-user", "right-password"));
        Assert.Null(await Tokens.AuthenticateAsync("made-up-token", CancellationToken.None));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_that_address_even_against_the_right_password_until_the_lock_ends()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 5);

        Assert.Null(await LoginAsync(username, "right-password"));
        engine.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task A_lock_holds_only_for_the_address_that_earned_it()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 7, attacker);

        Assert.Null(await LoginAsync(username, "right-password", attacker));
        Assert.NotNull(await LoginAsync(username, "right-password", home));
        // the owner's success does not lift the attacker's lock either
        Assert.Null(await LoginAsync(username, "right-password", attacker));
    }

    [Fact]
    public async Task After_a_lock_ends_one_wrong_password_does_not_lock_again()
    {
        // before the fix the count fell back only on a success: one guess after each lock kept the account locked for ever
        var username = await NewUserAsync();
        await FailAsync(username, 5);
        engine.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await FailAsync(username, 1);
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task An_address_failing_across_many_accounts_is_locked_out_of_all_of_them_and_locks_none_for_anyone_else()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            accounts.Add(await NewUserAsync());
            await FailAsync(accounts[^1], 4, attacker); // one short of a lock on any of them
        }

        var untried = await NewUserAsync();
        Assert.Null(await LoginAsync(untried, "right-password", attacker));
        Assert.Null(await LoginAsync(accounts[0], "right-password", attacker));
        foreach (var account in accounts.Append(untried))
            Assert.NotNull(await LoginAsync(account, "right-password", home));

        engine.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.NotNull(await LoginAsync(untried, "right-password", attacker));
    }

    [Fact]
    public async Task Unknown_names_count_against_the_address_too()
    {
        for (var i = 0; i < 20; i++)
            Assert.Null(await LoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "guess", attacker));

        Assert.Null(await LoginAsync(await NewUserAsync(), "right-password", attacker));
    }

    [Fact]
    public async Task An_administrator_unlocks_an_account_for_every_address_at_once()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 5);
        await FailAsync(username, 5, attacker);
        Assert.NotNull((await engine.Get<Users>().GetAsync(username, Admin, CancellationToken.None)).LockedUntil);

        var view = await engine.Get<Users>().UnlockAsync(username, Admin, CancellationToken.None);

        Assert.Null(view.LockedUntil);
        Assert.NotNull(await LoginAsync(username, "right-password"));
        Assert.NotNull(await LoginAsync(username, "right-password", attacker));
    }

    [Fact]
    public async Task Housekeeping_forgets_failures_that_no_longer_count_and_keeps_locks_in_force()
    {
        var stale = await NewUserAsync();
        var locked = await NewUserAsync();
        await FailAsync(stale, 2);
        engine.Clock.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(locked, 5, attacker);
        engine.Clock.Advance(TimeSpan.FromMinutes(6));

        await engine.Get<Housekeeping>().PurgeExpiredTokensAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var left = (await connection.QueryAsync<string>(
            "select coalesce(u.username, '(address)') from login_failure f left join app_user u on u.id = f.user_id where f.address in (@home, @attacker) order by 1",
            new { home, attacker })).ToList();
        Assert.Equal(["(address)", locked], left);
    }

    [Fact]
    public async Task A_lock_ends_cleanly_and_the_count_starts_again()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 5);
        engine.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await FailAsync(username, 4); // one short of a lock, counted from zero
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task Attempts_during_a_lock_neither_count_nor_extend_it()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 5);
        engine.Clock.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(username, 3);

        engine.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task Failures_further_apart_than_a_lock_lasts_are_not_added_up()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 4);
        engine.Clock.Advance(TimeSpan.FromMinutes(16));
        await FailAsync(username, 4);

        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        var username = await NewUserAsync();
        await FailAsync(username, 4);
        Assert.NotNull(await LoginAsync(username, "right-password"));
        await FailAsync(username, 4);
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_tokens_stop_at_once()
    {
        var username = await NewUserAsync();
        var token = await LoginAsync(username, "right-password");
        await engine.Get<Users>().DisableAsync(username, null, CancellationToken.None);

        Assert.Null(await Tokens.AuthenticateAsync(token!.Value, CancellationToken.None));
        Assert.Null(await LoginAsync(username, "right-password"));

        await engine.Get<Users>().EnableAsync(username, null, CancellationToken.None);
        Assert.Null(await Tokens.AuthenticateAsync(token.Value, CancellationToken.None));
        Assert.NotNull(await LoginAsync(username, "right-password"));
    }

    [Fact]
    public async Task A_token_expires_and_a_revoked_token_is_dead()
    {
        var username = await NewUserAsync();
        var expiring = await LoginAsync(username, "right-password");
        var revoked = await LoginAsync(username, "right-password");

        await Tokens.RevokeAsync(revoked!.Value, CancellationToken.None);
        Assert.Null(await Tokens.AuthenticateAsync(revoked.Value, CancellationToken.None));
        Assert.NotNull(await Tokens.AuthenticateAsync(expiring!.Value, CancellationToken.None));
        engine.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        Assert.Null(await Tokens.AuthenticateAsync(expiring.Value, CancellationToken.None));
    }
}
