namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>
/// Endpoint metadata for the OpenAPI document: the endpoint reads one file from a <c>multipart/form-data</c>
/// body, in the form field <paramref name="Field"/> (the endpoint reads the form itself, so the framework cannot
/// see it).
/// </summary>
sealed record MultipartFile(string Field, string Description);
