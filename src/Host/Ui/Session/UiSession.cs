using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommunityWorkflows.Host.Ui.Session;

/// <summary>
/// The signed-in person of a page, as the engine's commands and queries take them. Every call asks the database
/// again whether the session cookie still stands (signed out, disabled, roles changed), so a circuit never acts on a
/// revoked session; a session that has ended sends the browser to the login page.
/// </summary>
public sealed class UiSession(AuthenticationStateProvider state, AccessTokens tokens, NavigationManager navigation)
{
    /// <summary>The caller as of now; never returns when the session has ended (the page is left for the login).</summary>
    public async Task<Caller> CallerAsync(CancellationToken ct = default)
    {
        var identity = (await state.GetAuthenticationStateAsync()).User.Identity as CallerIdentity;
        var caller = identity switch
        {
            { SessionToken: { } token } => await tokens.AuthenticateAsync(token, ct),
            { } bearer => bearer.Caller,
            null => null,
        };
        if (caller is not null) return caller;
        navigation.NavigateTo($"/login?returnUrl={Uri.EscapeDataString(navigation.ToBaseRelativePath(navigation.Uri).Insert(0, "/"))}", forceLoad: true);
        throw new SessionEndedException();
    }

    /// <summary>The caller the circuit started with (display only: name, roles for the navigation).</summary>
    public async Task<Caller?> StartedAsAsync() =>
        ((await state.GetAuthenticationStateAsync()).User.Identity as CallerIdentity)?.Caller;
}

/// <summary>The session behind a page ended while it was open; the page is on its way to the login.</summary>
public sealed class SessionEndedException() : Exception("The session has ended.");
