using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Notifications;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class NotificationEndpoints
{
    /// <summary>How many of the caller's notifications 全部已读 marked read.</summary>
    public sealed record NotificationsMarked(int Marked);

    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");

        notifications.MapGet("/", async (bool? unread, string? kind, int? limit, long? beforeId, HttpContext context, Inbox inbox, CancellationToken ct) =>
            await inbox.ListAsync(unread ?? false, kind, limit ?? 100, beforeId, context.Caller(), ct))
            .WithName("ListNotifications")
            .WithSummary("The caller's reminders, deadlines, escalations and returns, newest first (page with beforeId).");

        notifications.MapPost("/{id:long}/read", async (long id, HttpContext context, Inbox inbox, CancellationToken ct) =>
        {
            await inbox.MarkReadAsync(id, context.Caller(), ct);
            return Results.NoContent();
        })
        .WithName("MarkNotificationRead").Produces(StatusCodes.Status204NoContent)
        .WithSummary("Mark one of the caller's notifications read.");

        notifications.MapPost("/read-all", async (HttpContext context, UnreadNotices unread, CancellationToken ct) =>
            new NotificationsMarked(await unread.MarkAllReadAsync(context.Caller(), ct)))
            .WithName("MarkAllNotificationsRead").Produces<NotificationsMarked>()
            .WithSummary("Mark every unread notification of the caller read (全部已读); answers how many were unread.");
    }
}
