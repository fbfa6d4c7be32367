using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Text;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>
/// Problem texts are in the language the request asks for with <c>Accept-Language</c>: 简体中文 for zh-CN, English
/// when the header is missing or names a language the API does not speak.
/// </summary>
public class ProblemLanguageApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static HttpRequestMessage Request(HttpMethod method, string path, string? language, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    [Fact]
    public async Task A_broken_rule_reads_in_chinese_for_zh_CN_and_in_english_without_the_header()
    {
        var admin = await host.ClientAsync();

        var zh = await (await admin.SendAsync(Request(HttpMethod.Get, "/api/tasks?limit=0", "zh-CN"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("不符合规则", zh.GetProperty("title").GetString());
        Assert.Equal("每页条数（limit）须在 1 至 5000 之间。", zh.GetProperty("errors").GetProperty("/limit")[0].GetString());

        var en = await (await admin.SendAsync(Request(HttpMethod.Get, "/api/tasks?limit=0", null))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Rules broken", en.GetProperty("title").GetString());
        Assert.Equal("limit must be between 1 and 5000.", en.GetProperty("errors").GetProperty("/limit")[0].GetString());

        var plainChinese = await (await admin.SendAsync(Request(HttpMethod.Get, "/api/tasks?limit=0", "zh"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("不符合规则", plainChinese.GetProperty("title").GetString());
        var other = await (await admin.SendAsync(Request(HttpMethod.Get, "/api/tasks?limit=0", "fr-FR"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Rules broken", other.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_does_not_fit_and_an_unknown_thing_read_in_the_asked_language()
    {
        var admin = await host.ClientAsync();
        const string body = """{"username": "x1", "password": "pass-word-1", "roles": [], "colour": "red"}""";

        var zh = await (await admin.SendAsync(Request(HttpMethod.Post, "/api/users", "zh-CN,zh;q=0.9,en;q=0.5", body))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("请求内容不符合接口要求的格式，未作任何处理。", zh.GetProperty("detail").GetString());
        Assert.StartsWith("未知属性“colour”", zh.GetProperty("errors").GetProperty("/colour")[0].GetString());
        var en = await (await admin.SendAsync(Request(HttpMethod.Post, "/api/users", null, body))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The body does not fit the request's shape; nothing was done.", en.GetProperty("detail").GetString());
        Assert.StartsWith("Unknown property 'colour'", en.GetProperty("errors").GetProperty("/colour")[0].GetString());

        var missing = await (await admin.SendAsync(Request(HttpMethod.Get, "/api/users/nobody-" + Guid.NewGuid().ToString("N")[..6], "zh-CN"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("未找到", missing.GetProperty("title").GetString());
        Assert.StartsWith("未找到用户", missing.GetProperty("detail").GetString());
    }
}
