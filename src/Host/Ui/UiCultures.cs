using Microsoft.AspNetCore.Localization;

namespace CommunityWorkflows.Host.Ui;

/// <summary>
/// Which language a request is answered in. Pages: the language cookie (set by /culture/{name}), else 简体中文 —
/// a browser's own language list does not override the product's default. The API: <c>Accept-Language</c>, else
/// English. <c>?culture=</c> works for both.
/// </summary>
static class UiCultures
{
    public static void Configure(RequestLocalizationOptions o)
    {
        o.SetDefaultCulture("zh-CN").AddSupportedCultures(UiEndpoints.Cultures).AddSupportedUICultures(UiEndpoints.Cultures);
        o.FallBackToParentUICultures = true;
        o.FallBackToParentCultures = true;
        var query = new QueryStringRequestCultureProvider();
        var cookie = new CookieRequestCultureProvider();
        var header = new AcceptLanguageHeaderRequestCultureProvider { Options = o };
        o.RequestCultureProviders =
        [
            query,
            new CustomRequestCultureProvider(async context => IsApi(context) ? await header.DetermineProviderCultureResult(context) ?? English : null),
            cookie,
        ];
    }

    static readonly ProviderCultureResult English = new("en");

    static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
