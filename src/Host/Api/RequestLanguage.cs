using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Problems are written by middleware that runs outside request localization (the exception handler, status code
/// pages), where the culture chosen for the request no longer holds; this brings it back for the writing method.
/// </summary>
static class RequestLanguage
{
    public static void Adopt(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>() is not { } chosen) return;
        CultureInfo.CurrentCulture = chosen.RequestCulture.Culture;
        CultureInfo.CurrentUICulture = chosen.RequestCulture.UICulture;
    }
}
