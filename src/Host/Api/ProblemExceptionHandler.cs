using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details: broken rules 422 with every field
/// named, state clashes 409, unknown or out-of-scope 404, malformed requests 400, oversized 413.
/// Anything else is a bug: logged, answered 500 without internals.
/// </summary>
sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        RequestLanguage.Adopt(context);
        // a refusal the domain has a word for, escaped outside a command scope (a read): the same translation as inside
        if (exception is Npgsql.PostgresException pg && Workflows.Commands.PostgresErrors.Translate(pg) is { } translated)
            exception = translated;
        var problem = exception switch
        {
            RuleViolationException e => RuleViolation(e),
            ConflictException e => new ProblemDetails { Status = 409, Title = Say.Text("Conflict", "状态冲突"), Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = 404, Title = Say.Text("Not found", "未找到"), Detail = e.Message },
            ForbiddenException e => new ProblemDetails { Status = 403, Title = Say.Text("Forbidden", "无权操作"), Detail = e.Message },
            BadHttpRequestException e => BadRequest(e),
            JsonException e => Malformed(BindingFailure.Json(e), 400),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Client closed request" },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = Say.Text("Internal error", "内部错误"), Detail = Say.Text("The error was logged; the request changed nothing.", "错误已记录，本次请求未作任何更改。") };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails RuleViolation(RuleViolationException e)
    {
        var problem = new ProblemDetails { Status = 422, Title = Say.Text("Rules broken", "不符合规则"), Detail = e.Message };
        problem.Extensions["errors"] = e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
        if (e.Extensions is not null)
            foreach (var property in e.Extensions.GetType().GetProperties())
                problem.Extensions[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = property.GetValue(e.Extensions);
        return problem;
    }

    static string TitleOf(int status) => status switch
    {
        413 => Say.Text("Request too large", "请求过大"),
        414 => Say.Text("Address too long", "地址过长"),
        431 => Say.Text("Headers too large", "请求头过大"),
        415 => Say.Text("Unsupported media type", "不支持的媒体类型"),
        _ => Say.Text("Malformed request", "请求格式有误"),
    };

    static ProblemDetails BadRequest(BadHttpRequestException e) => Malformed(BindingFailure.Describe(e), e.StatusCode);

    static ProblemDetails Malformed(BindingFailure.Text text, int status)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = text.Detail };
        if (text.Errors is not null) problem.Extensions["errors"] = text.Errors;
        return problem;
    }
}
