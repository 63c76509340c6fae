using Dashboard.Domain.Common;
using Dashboard.Domain.SupportChat;
using Dashboard.Realtime;

namespace Dashboard.SupportChat;

/// <summary><c>chat:message</c>: a customer sends {text} into their own conversation; staff send {customerId, text}.</summary>
public sealed record ChatMessageCommand(Guid? CustomerId, string? Text);

/// <summary><c>chat:read</c> and <c>chat:typing</c>: staff name the conversation; a customer's is their own.</summary>
public sealed record ChatConversationCommand(Guid? CustomerId);

/// <summary>
/// Support chat over both hubs. Everyone in a conversation — every connection of that customer's users and all staff —
/// receives <c>chat:message</c> {id, customerId, from: {userId, name, role}, text, at} and <c>chat:read</c>
/// {customerId, side, upTo, by}, and <c>chat:typing</c> (<see cref="ChatTyping"/>); who wrote is the token's user, never
/// the payload's.
/// </summary>
public sealed class ChatRealtime : IRealtimeFeature
{
    public const string Message = "chat:message";
    public const string Read = "chat:read";
    public const string TypingEvent = "chat:typing";

    public static IEnumerable<string> Audience(Guid customerId) => [.. Rooms.Staff, Rooms.Customer(customerId)];

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<ChatMessageCommand>(Message, Operation.WriteSupport, async (call, c) =>
            new CommandReply(await call.Get<ChatService>().SendAsync(call.Actor, c.CustomerId, c.Text, call.Cancellation)));
        catalog.Command<ChatConversationCommand>(Read, Operation.WriteSupport, async (call, c) =>
            new CommandReply(await call.Get<ChatService>().MarkReadAsync(call.Actor, c.CustomerId, call.Cancellation)));

        catalog.Command<ChatConversationCommand>(TypingEvent, Operation.WriteSupport, async (call, c) =>
            new CommandReply(await call.Get<ChatTyping>().SayAsync(call.Actor, c.CustomerId)));
        catalog.LiveOnly(TypingEvent);

        catalog.Event<ChatMessagePosted>(Message, e => e.Message, e => Audience(e.Message.CustomerId));
        catalog.Event<ChatConversationRead>(Read, e => e.Read, e => Audience(e.Read.CustomerId));
    }
}
