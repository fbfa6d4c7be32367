using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

/// <summary>The engine with a password hasher that counts the verifications it runs.</summary>
public sealed class CountedHasherEngine : EngineFixture
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<string>>(Hasher);

    public sealed class CountingHasher() : PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }))
    {
        int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public override PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>
/// Every way a login can end costs the same password-hash work, so that the time an answer takes tells nothing
/// (not whether the account exists, nor whether it is locked). Counted, not timed: one verification per attempt.
/// </summary>
public class LoginTimingTests(CountedHasherEngine engine) : IClassFixture<CountedHasherEngine>
{
    AccessTokens Tokens => engine.Get<AccessTokens>();

    async Task<string> NewUserAsync()
    {
        var username = "t" + Guid.NewGuid().ToString("N")[..10];
        await engine.Get<Users>().CreateAsync(new NewUser(username, "right-password", null, [new RoleAssignment("SystemAdmin", null)]), null, CancellationToken.None);
        return username;
    }

    async Task<int> VerificationsDuringAsync(Func<Task> attempt)
    {
        var before = engine.Hasher.Verifications;
        await attempt();
        return engine.Hasher.Verifications - before;
    }

    Task LoginAsync(string username, string password) => Tokens.IssueAsync(username, password, "198.51.100.20", CancellationToken.None);

    [Fact]
    public async Task An_unknown_user_a_wrong_password_a_right_one_and_a_locked_account_each_cost_one_verification()
    {
        var username = await NewUserAsync();

        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync("no-such-" + username, "right-password")));
        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "wrong-password")));
        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "right-password")));
        for (var i = 0; i < 5; i++) await LoginAsync(username, "guess-" + i);
        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "right-password")));
        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "wrong-password")));
    }

    [Fact]
    public async Task A_disabled_account_costs_one_verification_too()
    {
        var username = await NewUserAsync();
        await engine.Get<Users>().DisableAsync(username, null, CancellationToken.None);

        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "right-password")));
        Assert.Equal(1, await VerificationsDuringAsync(() => LoginAsync(username, "wrong-password")));
    }

    [Fact]
    public async Task An_address_locked_out_of_every_account_costs_one_verification_too()
    {
        var username = await NewUserAsync();
        for (var i = 0; i < 20; i++) await Tokens.IssueAsync("nobody-" + i, "guess", "203.0.113.99", CancellationToken.None);

        Assert.Null(await Tokens.IssueAsync(username, "right-password", "203.0.113.99", CancellationToken.None));
        Assert.Equal(1, await VerificationsDuringAsync(() => Tokens.IssueAsync(username, "right-password", "203.0.113.99", CancellationToken.None)));
        Assert.Equal(1, await VerificationsDuringAsync(() => Tokens.IssueAsync("nobody-at-all", "guess", "203.0.113.99", CancellationToken.None)));
    }

    [Fact]
    public async Task Changing_ones_own_password_costs_one_verification_whether_the_current_one_is_wrong_locked_out_or_right()
    {
        var username = await NewUserAsync();
        var users = engine.Get<Users>();
        var caller = await users.ActAsAsync(username, CancellationToken.None);
        Task ChangeAsync(string current, string from) => users.ChangeOwnPasswordAsync(caller, current, "new-password-1", from, CancellationToken.None);

        var wrong = await VerificationsDuringAsync(() => Assert.ThrowsAsync<RuleViolationException>(() => ChangeAsync("wrong-password", "203.0.113.7")));
        for (var i = 0; i < 4; i++) await Assert.ThrowsAsync<RuleViolationException>(() => ChangeAsync("guess-" + i, "203.0.113.7"));
        var locked = await VerificationsDuringAsync(() => Assert.ThrowsAsync<RuleViolationException>(() => ChangeAsync("right-password", "203.0.113.7")));
        var right = await VerificationsDuringAsync(() => ChangeAsync("right-password", "198.51.100.20"));

        Assert.Equal((1, 1, 1), (wrong, locked, right));
    }
}
