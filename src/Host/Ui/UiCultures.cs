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
            new CustomRequestCultureProvider(async context => IsApi(context) ? Spoken(await header.DetermineProviderCultureResult(context)) : null),
            cookie,
        ];
    }

    static readonly ProviderCultureResult English = new("en");
    static readonly ProviderCultureResult Chinese = new("zh-CN");

    /// <summary>
    /// The first language of the header that the API speaks (any Chinese is 简体中文), else English: a language it
    /// does not speak must not fall through to the pages' default.
    /// </summary>
    static ProviderCultureResult Spoken(ProviderCultureResult? header)
    {
        foreach (var name in header?.UICultures ?? [])
        {
            if (name.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return Chinese;
            if (name.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return English;
        }
        return English;
    }

    static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
