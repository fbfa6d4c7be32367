namespace CommunityWorkflows.Host.Hosting;

/// <summary>
/// The product's own limits on a request's line and headers, answered as problem details: Kestrel's limits are
/// set higher (<see cref="ServerLineBytes"/>, <see cref="ServerHeaderBytes"/>) so that an over-long query or an
/// oversized header reaches this check instead of being refused by the server with an empty body.
/// </summary>
sealed class RequestSizeGuard(RequestDelegate next)
{
    /// <summary>The longest request target (path and query) the API takes.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>The most header bytes (names, values and their separators) the API takes.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own request-line limit, beyond which it refuses before any code of ours runs.</summary>
    public const int ServerLineBytes = 64 * 1024;

    /// <summary>Kestrel's own header limit, beyond which it refuses before any code of ours runs.</summary>
    public const int ServerHeaderBytes = 128 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.Path.ToUriComponent().Length + request.QueryString.Value?.Length ?? 0;
        if (target > MaxTargetBytes)
            throw new BadHttpRequestException(
                $"The address is {target} characters long; the API takes at most {MaxTargetBytes}. Send long filters in a body or page through them.",
                StatusCodes.Status414UriTooLong);
        var headers = request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0));
        if (headers > MaxHeaderBytes)
            throw new BadHttpRequestException(
                $"The headers hold {headers} bytes; the API takes at most {MaxHeaderBytes}. Large cookies from other sites on this address are the usual cause.",
                StatusCodes.Status431RequestHeaderFieldsTooLarge);
        return next(context);
    }
}
