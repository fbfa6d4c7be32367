using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Accounts;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");
        users.MapPost("/", async (NewUser user, HttpContext context, Users accounts, CancellationToken ct) =>
        {
            var created = await accounts.CreateAsync(user, context.Caller(), ct);
            return Results.Created($"/api/users/{created.Username}", created);
        })
        .WithName("CreateUser").Produces<UserView>(StatusCodes.Status201Created)
        .WithSummary("Create a user with roles scoped to org units (SystemAdmin; DistrictAdmin inside its district).");

        users.MapGet("/{username}", async (string username, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.GetAsync(username, context.Caller(), ct))
            .WithName("GetUser")
            .WithSummary("A user and their roles, if one of those roles lies in the caller's scope.");
    }
}
