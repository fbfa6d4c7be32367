using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CommunityWorkflows.Host.Ui;

public sealed class IndexModel(AccessTokens tokens, SessionCookie cookie) : PageModel
{
    public string Username => HttpContext.Caller().Username;

    public bool IsSystemAdmin => HttpContext.Caller().IsSystemAdmin;

    public async Task<IActionResult> OnPostLogoutAsync(CancellationToken ct)
    {
        if (Request.Cookies[CallerAuthentication.SessionCookie] is { } token)
            await tokens.RevokeAsync(token, ct);
        Response.Cookies.Delete(CallerAuthentication.SessionCookie, cookie.Options(Request));
        return Redirect("/login");
    }
}
