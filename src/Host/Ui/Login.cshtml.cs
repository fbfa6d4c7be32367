using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityWorkflows.Host.Ui;

/// <summary>Signs a person in to the UI: the token goes into an HttpOnly, same-site session cookie.</summary>
[AllowAnonymous]
[EnableRateLimiting(Api.AuthEndpoints.LoginRateLimit)] // the same budget as the token endpoint: no way round it through the form
public sealed class LoginModel(AccessTokens tokens, SessionCookie cookie) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var token = await tokens.IssueAsync(Username, Password, HttpContext.ClientAddress(), ct);
        if (token is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        Response.Cookies.Append(CallerAuthentication.SessionCookie, token.Value, cookie.Options(Request));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
