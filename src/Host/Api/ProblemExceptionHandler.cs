using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
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
        var problem = exception switch
        {
            RuleViolationException e => RuleViolation(e),
            ConflictException e => new ProblemDetails { Status = 409, Title = "Conflict", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = 404, Title = "Not found", Detail = e.Message },
            ForbiddenException e => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = e.Message },
            BadHttpRequestException e => BadRequest(e),
            JsonException e => Malformed(BindingFailure.Json(e), 400),
            // two transactions crossed; the database rolled this one back whole, so trying again is safe
            Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure } =>
                new ProblemDetails { Status = 409, Title = "Concurrent change", Detail = "Another change got in the way and nothing was changed; try again." },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Client closed request" },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "Internal error", Detail = "The error was logged; the request changed nothing." };
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails RuleViolation(RuleViolationException e)
    {
        var problem = new ProblemDetails { Status = 422, Title = "Rules broken", Detail = e.Message };
        problem.Extensions["errors"] = e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
        if (e.Extensions is not null)
            foreach (var property in e.Extensions.GetType().GetProperties())
                problem.Extensions[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = property.GetValue(e.Extensions);
        return problem;
    }

    static string TitleOf(int status) => status switch
    {
        413 => "Request too large",
        414 => "Address too long",
        431 => "Headers too large",
        415 => "Unsupported media type",
        _ => "Malformed request",
    };

    static ProblemDetails BadRequest(BadHttpRequestException e) => Malformed(BindingFailure.Describe(e), e.StatusCode);

    static ProblemDetails Malformed(BindingFailure.Text text, int status)
    {
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = text.Detail };
        if (text.Errors is not null) problem.Extensions["errors"] = text.Errors;
        return problem;
    }
}
