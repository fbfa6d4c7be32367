using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Accounts;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class UserEndpoints
{
    /// <summary>A password an administrator sets for someone else.</summary>
    public sealed record PasswordResetRequest(string? Password);

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
            .WithSummary("A user and their roles, if one of those roles lies in the caller's scope; to the user's administrators, whether the account is disabled or locked.");

        MapAccountControls(users);
    }

    /// <summary>An administrator of the account: a SystemAdmin, or a DistrictAdmin over every role the user holds (else 403; out of sight 404).</summary>
    static void MapAccountControls(RouteGroupBuilder users)
    {
        users.MapPost("/{username}/disable", async (string username, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.DisableAsync(username, context.Caller(), ct))
            .WithName("DisableUser").Produces<UserView>()
            .WithSummary("Disable an account: it cannot sign in, and its sessions and calendar link end at once (not one's own).");

        users.MapPost("/{username}/enable", async (string username, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.EnableAsync(username, context.Caller(), ct))
            .WithName("EnableUser").Produces<UserView>()
            .WithSummary("Let a disabled account sign in again.");

        users.MapPost("/{username}/unlock", async (string username, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.UnlockAsync(username, context.Caller(), ct))
            .WithName("UnlockUser").Produces<UserView>()
            .WithSummary("End every lock on an account and forget its failed logins, from every address.");

        users.MapPut("/{username}/password", async (string username, PasswordResetRequest request, HttpContext context, Users accounts, CancellationToken ct) =>
        {
            await accounts.ResetPasswordAsync(username, request.Password, context.Caller(), ct);
            return Results.NoContent();
        })
        .WithName("ResetUserPassword").Produces(StatusCodes.Status204NoContent)
        .WithSummary("Set a new password for someone else (one's own: PUT /api/me/password); their locks are lifted and their sessions end.");

        users.MapPost("/{username}/sign-out", async (string username, HttpContext context, Users accounts, CancellationToken ct) =>
        {
            await accounts.SignOutAsync(username, context.Caller(), ct);
            return Results.NoContent();
        })
        .WithName("SignOutUser").Produces(StatusCodes.Status204NoContent)
        .WithSummary("End every session of a user (API tokens and UI sessions) and their calendar link.");

        users.MapPost("/{username}/roles", async (string username, RoleAssignment role, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.AddRoleAsync(username, role, context.Caller(), ct))
            .WithName("AddUserRole").Produces<UserView>()
            .WithSummary("Grant a user one more role, placed and allowed as when creating a user; a role already held changes nothing.");

        users.MapDelete("/{username}/roles/{role}", async (string username, string role, HttpContext context, Users accounts, CancellationToken ct) =>
            await accounts.RemoveRoleAsync(username, role, context.Caller(), ct))
            .WithName("RemoveUserRole").Produces<UserView>()
            .WithSummary("Take a role from a user (`Leader@JC-DH`, or `SystemAdmin`) and end their sessions; not one's own, not their last (409).");
    }
}
