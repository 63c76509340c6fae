using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Notifications;

/// <summary>
/// A user's own notifications: listed newest first, marked read one at a time or all at once. Nobody reads or marks
/// another's — not even an admin: a notification is its user's. Marking read is not in the activity log (it changes
/// nothing of the business), but it is an event, so every open tab and app of that user follows.
/// </summary>
public sealed class NotificationService(DomainWriter writer)
{
    public Task<NotificationPage> ListAsync(Actor actor, NotificationQuery query, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadNotifications);
        var v = new Validation();
        if (query.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > NotificationQuery.MaxPageSize)
        {
            v.Add("pageSize", $"pageSize must be between 1 and {NotificationQuery.MaxPageSize}.");
        }

        v.ThrowIfInvalid();
        return writer.ReadAsync(async db =>
        {
            var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
            var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
            var q = query.Unread ? mine.Where(n => n.ReadAt == null) : mine;
            var total = query.Unread ? unread : await q.CountAsync(ct);
            var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
            return new NotificationPage([.. rows.Select(n => n.ToModel())], total, unread, query.Page, query.PageSize);
        }, ct);
    }

    /// <summary>Marks one of the actor's notifications read (again: no change, no event). Another user's is NOT_FOUND.</summary>
    public Task<Notification> MarkReadAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.MarkNotificationsRead);
        return writer.WriteAsync(actor, async scope =>
        {
            var row = await scope.Db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == actor.UserId, ct)
                ?? throw DomainException.NotFound("Notification", id);
            if (row.ReadAt is null)
            {
                row.ReadAt = scope.Now;
                await scope.Db.SaveChangesAsync(ct);
                scope.Raise(new NotificationsRead(actor.UserId, [id], await UnreadAsync(scope.Db, actor.UserId, ct)));
            }

            return row.ToModel();
        }, ct);
    }

    /// <summary>Marks every unread notification of the actor read; how many that was.</summary>
    public Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.MarkNotificationsRead);
        return writer.WriteAsync(actor, async scope =>
        {
            var unread = scope.Db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null);
            var ids = await unread.Select(n => n.Id).ToListAsync(ct);
            if (ids.Count > 0)
            {
                await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, scope.Now), ct);
                scope.Raise(new NotificationsRead(actor.UserId, ids, 0));
            }

            return ids.Count;
        }, ct);
    }

    private static Task<int> UnreadAsync(DashboardDbContext db, string userId, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
}
