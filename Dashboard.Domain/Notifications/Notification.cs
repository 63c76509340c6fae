using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Domain.Notifications;

/// <summary>How a notification looks (seed 002's types).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationType>))]
public enum NotificationType
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>One user's notification, as every channel sees it.</summary>
/// <param name="Link">The dashboard path of what it is about (<c>/orders/{id}</c>); an app maps it to its own screen.</param>
/// <param name="Data">The ids an app needs to act on it (<c>{orderId, orderNumber, status}</c>), as a JSON object.</param>
public sealed record Notification(
    Guid Id,
    string Title,
    string Message,
    NotificationType Type,
    string? Link,
    JsonElement? Data,
    DateTime CreatedAt,
    DateTime? ReadAt)
{
    public bool Read => ReadAt is not null;
}

/// <param name="Unread">How many of the user's notifications are unread in all (what the bell shows).</param>
public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Total, int Unread, int Page, int PageSize);

/// <param name="Unread">Only the unread ones.</param>
public sealed record NotificationQuery(bool Unread = false, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
}

public sealed class NotificationEntity
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Message { get; set; } = "";

    public NotificationType Type { get; set; }

    public string? Link { get; set; }

    /// <summary>JSON text of the data object.</summary>
    public string? Data { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    public Notification ToModel() => new(Id, Title, Message, Type, Link,
        Data is null ? null : JsonSerializer.Deserialize<JsonElement>(Data), CreatedAt, ReadAt);
}
