using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Localization;

namespace CommunityWorkflows.Host.Ui;

/// <summary>The UI's two plain endpoints: sign out, and choose the language (kept in a cookie).</summary>
static class UiEndpoints
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static void MapUi(this WebApplication app)
    {
        // same-site only (the session cookie is SameSite=Strict), so a cross-site form cannot sign anyone out
        app.MapPost("/logout", async (HttpContext context, AccessTokens tokens, SessionCookie cookie, CancellationToken ct) =>
        {
            if (context.Request.Cookies[CallerAuthentication.SessionCookie] is { } token)
                await tokens.RevokeAsync(token, ct);
            context.Response.Cookies.Delete(CallerAuthentication.SessionCookie, cookie.Options(context.Request));
            return Results.Redirect("/login");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A path on this host (never //elsewhere or a scheme), so the language switch cannot redirect away.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'));
}
