using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

public class AccessTokenTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    async Task<string> NewUserAsync(string password = "right-password")
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..10];
        await engine.Get<Users>().CreateAsync(new NewUser(username, password, null, [new RoleAssignment("SystemAdmin", null)]), null, CancellationToken.None);
        return username;
    }

    AccessTokens Tokens => engine.Get<AccessTokens>();

    [Fact]
    public async Task The_right_password_gets_a_token_that_names_the_caller_and_their_roles()
    {
        var username = await NewUserAsync();
        var token = await Tokens.IssueAsync(username.ToUpperInvariant(), "right-password", CancellationToken.None);

        var caller = await Tokens.AuthenticateAsync(token!.Value, CancellationToken.None);
        Assert.Equal(username, caller!.Username);
        Assert.True(caller.IsSystemAdmin);
        Assert.Equal(engine.Clock.GetUtcNow() + TimeSpan.FromHours(8), token.ExpiresAt);
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_users_get_nothing()
    {
        var username = await NewUserAsync();
        Assert.Null(await Tokens.IssueAsync(username, "wrong-password", CancellationToken.None));
        Assert.Null(await Tokens.IssueAsync("no-such-user", "right-password", CancellationToken.None));
        Assert.Null(await Tokens.AuthenticateAsync("made-up-token", CancellationToken.None));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password_until_the_lock_ends()
    {
        var username = await NewUserAsync();
        for (var i = 0; i < 5; i++)
            Assert.Null(await Tokens.IssueAsync(username, "guess-" + i, CancellationToken.None));

        Assert.Null(await Tokens.IssueAsync(username, "right-password", CancellationToken.None));
        engine.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull(await Tokens.IssueAsync(username, "right-password", CancellationToken.None));
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        var username = await NewUserAsync();
        for (var i = 0; i < 4; i++) await Tokens.IssueAsync(username, "guess", CancellationToken.None);
        Assert.NotNull(await Tokens.IssueAsync(username, "right-password", CancellationToken.None));
        for (var i = 0; i < 4; i++) await Tokens.IssueAsync(username, "guess", CancellationToken.None);
        Assert.NotNull(await Tokens.IssueAsync(username, "right-password", CancellationToken.None));
    }

    [Fact]
    public async Task A_token_expires_and_a_revoked_token_is_dead()
    {
        var username = await NewUserAsync();
        var expiring = await Tokens.IssueAsync(username, "right-password", CancellationToken.None);
        var revoked = await Tokens.IssueAsync(username, "right-password", CancellationToken.None);

        await Tokens.RevokeAsync(revoked!.Value, CancellationToken.None);
        Assert.Null(await Tokens.AuthenticateAsync(revoked.Value, CancellationToken.None));
        Assert.NotNull(await Tokens.AuthenticateAsync(expiring!.Value, CancellationToken.None));
        engine.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        Assert.Null(await Tokens.AuthenticateAsync(expiring.Value, CancellationToken.None));
    }
}
