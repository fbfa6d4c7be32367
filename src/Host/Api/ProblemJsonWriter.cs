using System.Diagnostics;
using System.Text.Json;
using CommunityWorkflows.Domain.Text;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says: a client
/// asking for an .xlsx still gets to read why it got none (the framework's writer gives up, and the error
/// became a 500 with no body).
/// </summary>
sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        RequestLanguage.Adopt(http);
        problem.Status ??= http.Response.StatusCode;
        problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{problem.Status}";
        problem.Title ??= Say.IsChinese ? ChineseTitle(problem.Status.Value) ?? ReasonPhrases(problem.Status.Value) : ReasonPhrases(problem.Status.Value);
        problem.Detail ??= DefaultDetail(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        http.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, json.Value.SerializerOptions, http.RequestAborted);
    }

    /// <summary>What to do about a refusal the framework answers without words of its own.</summary>
    static string? DefaultDetail(int status) => status switch
    {
        400 => Say.Text("The request could not be read.", "无法读取该请求。"),
        404 => Say.Text("There is nothing at this address, or it is outside what you may see.", "该地址下没有内容，或不在您的查看范围内。"),
        405 => Say.Text("This address does not take this method.", "该地址不支持此请求方法。"),
        406 => Say.Text("None of the media types the Accept header asks for can be answered.", "无法以 Accept 请求头要求的任何媒体类型作答。"),
        413 => Say.Text("The request is larger than this endpoint takes.", "请求超过该接口允许的大小。"),
        415 => Say.Text("The body's media type is not one this endpoint takes: send JSON as application/json (an upload as multipart/form-data).", "该接口不接受此媒体类型：JSON 请以 application/json 发送（上传文件请用 multipart/form-data）。"),
        429 => Say.Text("Too many requests: wait for the time Retry-After gives, then try again.", "请求过于频繁：请等待 Retry-After 所示时间后重试。"),
        _ => null,
    };

    static string? ChineseTitle(int status) => status switch
    {
        400 => "请求有误", 401 => "未登录", 403 => "无权访问", 404 => "未找到", 405 => "不支持的请求方法", 406 => "无法提供所需格式",
        409 => "状态冲突", 413 => "请求过大", 415 => "不支持的媒体类型", 422 => "不符合规则", 429 => "请求过于频繁", 500 => "内部错误",
        _ => null,
    };

    static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
