namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>Endpoint conventions that say in the OpenAPI document what an endpoint answers beyond its kind.</summary>
static class EndpointDocs
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Problem statuses beyond those of the operation's kind (see <see cref="ApiOperations"/>).</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemStatuses(codes));

    /// <summary>The endpoint answers a spreadsheet (<c>.xlsx</c>).</summary>
    public static RouteHandlerBuilder ProducesSpreadsheet(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status200OK, contentType: Xlsx);

    /// <summary>The endpoint answers <typeparamref name="T"/> as JSON, or as a spreadsheet when the Accept header prefers one.</summary>
    public static RouteHandlerBuilder ProducesJsonOrSpreadsheet<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status200OK, "application/json", Xlsx);

    /// <summary>The endpoint reads one file from a multipart form's field <paramref name="field"/>.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, string field, string description) =>
        builder.WithMetadata(new MultipartFile(field, description));
}
