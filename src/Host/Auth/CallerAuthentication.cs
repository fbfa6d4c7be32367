using System.Security.Claims;
using System.Text.Encodings.Web;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using CommunityWorkflows.Host.Ui.Session;

namespace CommunityWorkflows.Host.Auth;

/// <summary>
/// Recognises the caller from a bearer token (the API) or from the session cookie holding the same kind of
/// token (the UI and the job dashboard; never the API, so a cookie cannot be replayed cross-site against it).
/// </summary>
sealed class CallerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    AccessTokens tokens, FeedTokens feeds, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "CommunityWorkflows";
    public const string SessionCookie = "cw_session";
    public const string SystemAdminPolicy = "SystemAdmin";

    /// <summary>The one resource a calendar app may fetch with the secret of a subscription link (<c>?feed=</c>).</summary>
    public const string FeedPath = "/api/meetings/calendar.ics";

    bool IsApi => Request.Path.StartsWithSegments("/api");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var feed = Request.Path.Equals(FeedPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(Request.Method) ? Request.Query["feed"].ToString() : "";
        var bearer = BearerToken();
        var token = bearer ?? (IsApi ? null : Request.Cookies[SessionCookie]);
        if (string.IsNullOrEmpty(token) && feed.Length == 0)
            return AuthenticateResult.NoResult();
        var caller = string.IsNullOrEmpty(token)
            ? await feeds.AuthenticateAsync(feed, Context.RequestAborted)
            : await tokens.AuthenticateAsync(token, Context.RequestAborted);
        if (caller is null)
            return AuthenticateResult.Fail("The access token is unknown or has expired.");
        Context.Items[typeof(Caller)] = caller;
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, caller.UserId.ToString()), new(ClaimTypes.Name, caller.Username)];
        claims.AddRange(caller.Grants.Select(g => new Claim(ClaimTypes.Role, g.Role.ToString())));
        if (caller.IsSystemAdmin) claims.Add(new Claim(SystemAdminPolicy, "root"));
        var identity = new CallerIdentity(caller, bearer is null && !string.IsNullOrEmpty(token) ? token : null, claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!IsApi)
        {
            Response.Redirect($"/login?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync("Authentication required",
            "Send 'Authorization: Bearer <accessToken>' with a token from POST /api/auth/token.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Ui.StatusPage.IsPage(Context))
        {
            await Ui.StatusPage.ForbiddenAsync(Context);
            return;
        }
        await WriteProblemAsync("Forbidden", "Your roles do not allow this.");
    }

    Task WriteProblemAsync(string title, string detail) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Title = title, Detail = detail },
    }).AsTask();
}
