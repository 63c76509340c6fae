using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Notifications;

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadNotifications)
            .WithSummary("The caller's own notifications, newest first, a page at a time (unread=true: only the unread), with the unread count.")
            .ProducesValidationProblem();
        api.MapPost("/{id:guid}/read", Read).Requires(Operation.MarkNotificationsRead)
            .WithSummary("Mark one of the caller's notifications read (again: no change); another user's is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/read-all", ReadAll).Requires(Operation.MarkNotificationsRead)
            .WithSummary("Mark every unread notification of the caller read: {read} how many.");
        return app;
    }

    public static async Task<Ok<NotificationPage>> List(NotificationService notifications, ClaimsPrincipal user, CancellationToken ct,
        bool unread = false, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await notifications.ListAsync(user.ToActor(Channel.Api), new NotificationQuery(unread, page, pageSize), ct));

    public static async Task<Ok<Notification>> Read(Guid id, NotificationService notifications, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await notifications.MarkReadAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<NotificationsMarked>> ReadAll(NotificationService notifications, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new NotificationsMarked(await notifications.MarkAllReadAsync(user.ToActor(Channel.Api), ct)));
}
