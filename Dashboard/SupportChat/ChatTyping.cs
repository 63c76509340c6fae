using Dashboard.Domain.Common;
using Dashboard.Domain.SupportChat;
using Dashboard.Realtime;

namespace Dashboard.SupportChat;

/// <summary><c>chat:typing</c> {customerId, from: {userId, name, role}, at, expiresInMs}: someone is writing in that conversation.</summary>
public sealed record ChatTypingMessage(Guid CustomerId, ChatParty From, DateTime At, int ExpiresInMs);

/// <summary>
/// "Kavya is typing…": live only (never logged, never recovered — it means nothing a minute later). It goes to the
/// conversation's people on both hubs through <see cref="LiveMessages"/>, and to the open Support pages of this
/// instance through <see cref="Typing"/>. A client shows it for <see cref="ShowFor"/> unless it hears it again; the
/// sender's own connections hear it too and skip their own user.
/// </summary>
/// <remarks>With several instances (issue 16) this is what a backplane carries besides the event log.</remarks>
public sealed class ChatTyping(LiveMessages live, TimeProvider time)
{
    public static readonly TimeSpan ShowFor = TimeSpan.FromSeconds(5);

    /// <summary>Raised on the caller's thread for every typing notice (the Support pages).</summary>
    public event Action<ChatTypingMessage>? Typing;

    public async Task<ChatTypingMessage> SayAsync(Actor actor, Guid? customerId)
    {
        var conversation = ChatService.ConversationOf(actor, Operation.WriteSupport, customerId);
        var message = new ChatTypingMessage(conversation, new ChatParty(actor.UserId, actor.Name, actor.Role), time.GetUtcNow().UtcDateTime,
            (int)ShowFor.TotalMilliseconds);
        await live.SendAsync(new Outbound(ChatRealtime.TypingEvent, message, [.. ChatRealtime.Audience(conversation)]));
        Typing?.Invoke(message);
        return message;
    }
}
