using Dashboard.Domain.Events;

namespace Dashboard.Domain.Notifications;

/// <summary>A notification was written for <paramref name="UserId"/> (by the rules table, with the write it follows from).</summary>
/// <param name="CustomerId">The customer the event it follows from concerns, if any.</param>
public sealed record NotificationCreated(string UserId, Notification Notification, Guid? CustomerId) : IDomainEvent;

/// <summary>
/// Some of a user's notifications were marked read (one, or all at once): every open tab and app of that user updates.
/// </summary>
/// <param name="Unread">How many of theirs are still unread.</param>
public sealed record NotificationsRead(string UserId, IReadOnlyList<Guid> Ids, int Unread) : IDomainEvent
{
    public Guid? CustomerId => null;
}
