using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace CommunityWorkflows.Host.Ui;

/// <summary>
/// What a person sees instead of a JSON problem when a page address is refused (403, e.g. /hangfire for a street
/// officer) or unknown (404): a page in their language that says so, with the way back. The API keeps its problems.
/// </summary>
static class StatusPage
{
    public static bool IsPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && HttpMethods.IsGet(context.Request.Method);

    public static Task ForbiddenAsync(HttpContext context) => WriteAsync(context, "Forbidden", "ForbiddenHint");

    public static Task NotFoundAsync(HttpContext context) => WriteAsync(context, "NotFound", "NotFoundHint");

    static async Task WriteAsync(HttpContext context, string titleKey, string hintKey)
    {
        // status pages are written on the way out, after request localization has put the default culture back
        if (context.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } chosen)
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (chosen.Culture, chosen.UICulture);
        var t = context.RequestServices.GetRequiredService<IStringLocalizer<UiText>>();
        string E(string key) => WebUtility.HtmlEncode(t[key].Value);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.Name}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{E(titleKey)} · {E("ProductShort")}</title>
            <link rel="stylesheet" href="/_content/AntDesign/css/ant-design-blazor.css" /><link rel="stylesheet" href="/app.css" /></head>
            <body><header class="cw-header"><span class="cw-brand">{E("ProductName")}</span></header>
            <main class="cw-main"><div class="cw-card" style="max-width:520px;margin:48px auto;text-align:center">
            <h1>{E(titleKey)}</h1><p>{E(hintKey)}</p>
            <p><a class="ant-btn ant-btn-primary" href="/">{E("BackToWorkbench")}</a></p></div></main></body></html>
            """);
    }
}
