using Dashboard.Domain.Common;
using Dashboard.Domain.Notifications;
using Dashboard.Realtime;

namespace Dashboard.Notifications;

/// <summary><c>notification:read</c> {id}: mark one of the caller's notifications read.</summary>
public sealed record NotificationReadCommand(Guid? Id);

/// <summary><c>notifications:read</c>: these of the user's notifications are read now; <paramref name="Unread"/> are left.</summary>
public sealed record NotificationsReadMessage(IReadOnlyList<Guid> Ids, int Unread);

/// <summary><c>notification:read-all</c>'s answer: how many were marked read.</summary>
public sealed record NotificationsMarked(int Read);

/// <summary>
/// Notifications over both hubs, to their user's room only: seed 001's <c>notification:new</c> {title, message, type} and
/// seeds 002/004's <c>notification</c> {type, title, message, data} are one message under two names (the whole
/// notification, so both apps find their fields); marking read from any app or tab reaches that user's others.
/// </summary>
public sealed class NotificationRealtime : IRealtimeFeature
{
    public const string New = "notification:new";
    public const string Seed002 = "notification";
    public const string Read = "notification:read";
    public const string ReadAll = "notification:read-all";
    public const string WereRead = "notifications:read";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<NotificationReadCommand>(Read, Operation.MarkNotificationsRead, async (call, c) =>
        {
            var v = new Validation();
            var id = v.Required("id", c.Id);
            v.ThrowIfInvalid();
            return new CommandReply(await call.Get<NotificationService>().MarkReadAsync(call.Actor, id!.Value, call.Cancellation));
        });
        catalog.Command(ReadAll, Operation.MarkNotificationsRead, async call =>
            new CommandReply(new NotificationsMarked(await call.Get<NotificationService>().MarkAllReadAsync(call.Actor, call.Cancellation))));

        catalog.Event<NotificationCreated>(New, e => e.Notification, e => [Rooms.User(e.UserId)]).Alias(Seed002);
        catalog.Event<NotificationsRead>(WereRead, e => new NotificationsReadMessage(e.Ids, e.Unread), e => [Rooms.User(e.UserId)]);
    }
}
