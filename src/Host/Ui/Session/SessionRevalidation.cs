using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CommunityWorkflows.Host.Ui.Session;

/// <summary>
/// Asks every minute whether an open page's session still stands; when it has ended (signed out elsewhere, account
/// disabled, token expired) the page's user becomes anonymous and the router sends it to the login.
/// </summary>
sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (state.User.Identity is not CallerIdentity { SessionToken: { } token }) return state.User.Identity is CallerIdentity;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessTokens>().AuthenticateAsync(token, ct) is not null;
    }
}
