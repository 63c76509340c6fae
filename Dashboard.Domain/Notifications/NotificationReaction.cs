using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.Notifications;

/// <summary>
/// Applies <see cref="NotificationRules"/> to a command's events inside its savepoint: the rows commit with the order
/// change or payment they follow from, or not at all, and each raises <see cref="NotificationCreated"/> for the live
/// channels. An event no rule names costs one dictionary look-up.
/// </summary>
public sealed class NotificationReaction : IWriteReaction
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ILookup<Type, NotificationRule> ByEvent = NotificationRules.Table.ToLookup(r => r.Event);

    public async Task ReactAsync(WriteScope scope, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            foreach (var rule in ByEvent[e.GetType()])
            {
                if (rule.To(e) is not { } to)
                {
                    continue;
                }

                var text = rule.Text(e, scope.Words);
                var data = text.Data is null ? null : JsonSerializer.Serialize(text.Data, text.Data.GetType(), Json);
                foreach (var userId in await to.ResolveAsync(scope.Db, ct))
                {
                    if (userId == scope.Actor.UserId)
                    {
                        continue;
                    }

                    var row = new NotificationEntity
                    {
                        Id = Guid.CreateVersion7(),
                        UserId = userId,
                        Title = Clip(text.Title, NotificationLimits.Title),
                        Message = Clip(text.Message, NotificationLimits.Message),
                        Type = text.Type,
                        Link = text.Link,
                        Data = data,
                        CreatedAt = scope.Now,
                    };
                    scope.Db.Notifications.Add(row);
                    scope.Raise(new NotificationCreated(userId, row.ToModel(), e.CustomerId));
                }
            }
        }
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}

public static class NotificationLimits
{
    public const int Title = 100;
    public const int Message = 500;
    public const int Link = 200;
}
