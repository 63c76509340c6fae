using System.Text.Json.Serialization;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.SupportChat;

/// <summary>Who wrote a message or read a conversation, as the token said.</summary>
public sealed record ChatParty(string UserId, string Name, string Role);

/// <summary>One message of a customer's support conversation (seed 004's chat support).</summary>
public sealed record ChatMessage(Guid Id, Guid CustomerId, ChatParty From, string Text, DateTime At);

/// <summary>Which side of a conversation: the customer's users, or the office (Admin and Staff).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatSide>))]
public enum ChatSide
{
    [JsonStringEnumMemberName("customer")] Customer,
    [JsonStringEnumMemberName("staff")] Staff,
}

/// <summary>A customer's conversation, as the Support page lists it.</summary>
/// <param name="Unread">For staff: the customer's messages no staff member has read yet; for the customer: staff's they have not.</param>
public sealed record ChatConversation(Guid CustomerId, string CustomerName, string? Route, ChatMessage? Last, int Unread,
    DateTime? StaffReadUpTo, DateTime? CustomerReadUpTo);

/// <summary>One page of a conversation, oldest first within the page; page 1 is the newest messages.</summary>
public sealed record ChatPage(Guid CustomerId, IReadOnlyList<ChatMessage> Items, int Total, int Page, int PageSize,
    DateTime? StaffReadUpTo, DateTime? CustomerReadUpTo)
{
    public const int MaxPageSize = 200;
}

/// <summary>A side read a conversation up to a message's time (seed 004's read receipt).</summary>
public sealed record ChatRead(Guid CustomerId, ChatSide Side, DateTime UpTo, ChatParty By);

public sealed record ChatMessagePosted(ChatMessage Message) : IDomainEvent
{
    public Guid? CustomerId => Message.CustomerId;
}

public sealed record ChatConversationRead(ChatRead Read) : IDomainEvent
{
    public Guid? CustomerId => Read.CustomerId;
}

public sealed class ChatMessageEntity
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string FromUserId { get; set; } = "";

    public string FromName { get; set; } = "";

    public string FromRole { get; set; } = "";

    public bool FromStaff { get; set; }

    public string Text { get; set; } = "";

    public DateTime At { get; set; }

    public ChatMessage ToModel() => new(Id, CustomerId, new ChatParty(FromUserId, FromName, FromRole), Text, At);
}

/// <summary>One row per customer who has written or been written to: the last message and how far each side has read.</summary>
public sealed class ChatConversationEntity
{
    public Guid CustomerId { get; set; }

    public DateTime LastMessageAt { get; set; }

    public DateTime? StaffReadUpTo { get; set; }

    public DateTime? CustomerReadUpTo { get; set; }
}
