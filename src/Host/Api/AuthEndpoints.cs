using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Accounts;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string TokenType = "Bearer");

    /// <summary>The caller's new password, given the current one.</summary>
    public sealed record PasswordChangeRequest(string? CurrentPassword, string? Password);

    /// <summary>A calendar subscription link (the meetings feed with a secret of its own) and how to narrow it.</summary>
    public sealed record FeedLink(string Url, string Note);

    public static void MapAuth(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        // a bad public address stops the start here, not the first link handed out
        var publicSite = HostSettings.Read<HostingSettings>(configuration).PublicUri?.ToString().TrimEnd('/');
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/token", async (TokenRequest request, HttpContext context, AccessTokens tokens, CancellationToken ct) =>
            await tokens.IssueAsync(request.Username, request.Password, context.ClientAddress(), ct) is { } token
                ? Results.Ok(new TokenResponse(token.Value, token.ExpiresAt))
                // one answer for every refusal: an unknown user, a wrong password, a disabled or a locked account
                : Results.Problem(statusCode: 401, title: Say.Text("Login failed", "登录失败"),
                    detail: Say.Text("Wrong username or password, or the account is disabled, or this address is locked out for a while after repeated failures.", "用户名或密码错误，或账号已停用，或因多次输错本地址暂时被锁定。")))
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimit)
            .WithName("IssueToken").Produces<TokenResponse>().Problems(401, 429)
            .WithSummary("Exchange a username and password for a bearer token.");

        auth.MapPost("/revoke", async (HttpContext context, AccessTokens tokens, CancellationToken ct) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            await tokens.RevokeAsync(header["Bearer ".Length..].Trim(), ct);
            return Results.NoContent();
        })
        .WithName("RevokeToken").Produces(StatusCodes.Status204NoContent)
        .WithSummary("End the session of the token in the Authorization header.");

        app.MapPost("/api/me/calendar-feed", async (HttpContext context, FeedTokens feeds, CancellationToken ct) =>
        {
            var secret = await feeds.RenewAsync(context.Caller(), ct);
            // the link leaves the product (into calendar apps): from the configured public address, else the request's
            var site = publicSite ?? $"{context.Request.Scheme}://{context.Request.Host}";
            var url = $"{site}{CallerAuthentication.FeedPath}?feed={secret}";
            return Results.Ok(new FeedLink(url, "Add orgUnitCode= or year= to narrow the feed; a new link replaces this one."));
        })
        .WithTags("Regular meetings")
        .WithName("RenewCalendarFeedLink").Produces<FeedLink>()
        .WithSummary("A subscription link for calendar apps (which cannot log in): the meetings feed, read with a secret of its own; a new link replaces the old.");

        app.MapDelete("/api/me/calendar-feed", async (HttpContext context, FeedTokens feeds, CancellationToken ct) =>
        {
            await feeds.RevokeAsync(context.Caller(), ct);
            return Results.NoContent();
        })
        .WithTags("Regular meetings")
        .WithName("RevokeCalendarFeedLink").Produces(StatusCodes.Status204NoContent)
        .WithSummary("Revoke the caller's calendar subscription link.");

        app.MapPut("/api/me/password", async (PasswordChangeRequest request, HttpContext context, Users users, CancellationToken ct) =>
        {
            await users.ChangeOwnPasswordAsync(context.Caller(), request.CurrentPassword, request.Password, context.ClientAddress(), ct);
            return Results.NoContent();
        })
        .RequireRateLimiting(LoginRateLimit) // a guess at the current password is a login attempt
        .WithTags("Auth")
        .WithName("ChangeOwnPassword").Produces(StatusCodes.Status204NoContent).Problems(429)
        .WithSummary("Change the caller's password, giving the current one; every session of the caller ends, this one included.");

        app.MapPost("/api/me/sign-out-everywhere", async (HttpContext context, Users users, CancellationToken ct) =>
        {
            await users.SignOutEverywhereAsync(context.Caller(), ct);
            return Results.NoContent();
        })
        .WithTags("Auth")
        .WithName("SignOutEverywhere").Produces(StatusCodes.Status204NoContent)
        .WithSummary("End every session of the caller (API tokens and UI sessions on every device, this one included) and their calendar link.");

        app.MapGet("/api/me", async (HttpContext context, Users users, CancellationToken ct) =>
            await users.GetAsync(context.Caller().Username, context.Caller(), ct))
            .WithTags("Auth")
            .WithName("GetMe")
            .WithSummary("The caller and the roles they hold.");
    }
}
