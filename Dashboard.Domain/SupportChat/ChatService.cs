using System.Collections.Concurrent;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.SupportChat;

/// <summary>
/// Support conversations (seed 004's chat support): one per customer, between that customer's users and the office.
/// A customer writes and reads only their own; staff every one. Writing moves the writer's side's read position to their
/// own message. Messages are text, at most <see cref="MaxLength"/> characters, at most <see cref="MaxPerMinute"/> a
/// minute per user.
/// </summary>
public sealed class ChatService(DomainWriter writer, TimeProvider time)
{
    public const int MaxLength = 2000;
    public const int MaxPerMinute = 20;

    private readonly ConcurrentDictionary<string, Queue<DateTime>> _recent = new(StringComparer.Ordinal);

    /// <summary>A customer writes into their own conversation (<paramref name="customerId"/> may be left out); staff name it.</summary>
    public Task<ChatMessage> SendAsync(Actor actor, Guid? customerId, string? text, CancellationToken ct = default)
    {
        var conversation = ConversationOf(actor, Operation.WriteSupport, customerId);
        var v = new Validation();
        var body = v.Text("text", text, MaxLength, required: true, multiline: true);
        v.ThrowIfInvalid();
        Admit(actor.UserId);

        return writer.WriteAsync(actor, async scope =>
        {
            var customer = await scope.Db.Customers.AsNoTracking().Where(c => c.Id == conversation).Select(c => new { c.Id }).FirstOrDefaultAsync(ct)
                ?? throw DomainException.NotFound("Customer", conversation);
            var entity = new ChatMessageEntity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                FromUserId = actor.UserId,
                FromName = actor.Name,
                FromRole = actor.Role,
                FromStaff = actor.IsStaff,
                Text = body!,
                At = scope.Now,
            };
            scope.Db.ChatMessages.Add(entity);
            var row = await scope.Db.ChatConversations.FirstOrDefaultAsync(c => c.CustomerId == customer.Id, ct);
            if (row is null)
            {
                scope.Db.ChatConversations.Add(row = new ChatConversationEntity { CustomerId = customer.Id });
            }

            row.LastMessageAt = entity.At;
            if (actor.IsStaff)
            {
                row.StaffReadUpTo = entity.At;
            }
            else
            {
                row.CustomerReadUpTo = entity.At;
            }

            await scope.Db.SaveChangesAsync(ct);
            var message = entity.ToModel();
            scope.Raise(new ChatMessagePosted(message));
            return message;
        }, ct);
    }

    /// <summary>The actor's side has read the conversation up to its last message; an event only when that moves it.</summary>
    public Task<ChatRead?> MarkReadAsync(Actor actor, Guid? customerId, CancellationToken ct = default)
    {
        var conversation = ConversationOf(actor, Operation.WriteSupport, customerId);
        return writer.WriteAsync(actor, async scope =>
        {
            var row = await scope.Db.ChatConversations.FirstOrDefaultAsync(c => c.CustomerId == conversation, ct);
            if (row is null)
            {
                return null;
            }

            var side = actor.IsStaff ? ChatSide.Staff : ChatSide.Customer;
            var current = side == ChatSide.Staff ? row.StaffReadUpTo : row.CustomerReadUpTo;
            if (current >= row.LastMessageAt)
            {
                return null;
            }

            if (side == ChatSide.Staff)
            {
                row.StaffReadUpTo = row.LastMessageAt;
            }
            else
            {
                row.CustomerReadUpTo = row.LastMessageAt;
            }

            await scope.Db.SaveChangesAsync(ct);
            var read = new ChatRead(conversation, side, row.LastMessageAt, new ChatParty(actor.UserId, actor.Name, actor.Role));
            scope.Raise(new ChatConversationRead(read));
            return read;
        }, ct);
    }

    /// <summary>
    /// Every conversation, the latest first, with what staff have not read (Admin, Staff); for a customer, their own (if
    /// they have one), with what they have not read of staff's.
    /// </summary>
    public Task<IReadOnlyList<ChatConversation>> ConversationsAsync(Actor actor, CancellationToken ct = default)
    {
        var own = Guard.Require(actor, Operation.ReadSupport) == Access.Own
            ? actor.CustomerId ?? throw DomainException.Forbidden("Your account is not linked to a customer.")
            : (Guid?)null;
        var staffSide = own is null;

        return writer.ReadAsync<IReadOnlyList<ChatConversation>>(async db =>
        {
            var rows = await (from c in db.ChatConversations.AsNoTracking()
                              join customer in db.Customers on c.CustomerId equals customer.Id
                              where own == null || c.CustomerId == own
                              orderby c.LastMessageAt descending
                              select new
                              {
                                  Conversation = c,
                                  customer.Name,
                                  customer.Route,
                                  Last = db.ChatMessages.Where(m => m.CustomerId == c.CustomerId).OrderByDescending(m => m.At).ThenByDescending(m => m.Id).FirstOrDefault(),
                                  Unread = staffSide
                                      ? db.ChatMessages.Count(m => m.CustomerId == c.CustomerId && !m.FromStaff && (c.StaffReadUpTo == null || m.At > c.StaffReadUpTo))
                                      : db.ChatMessages.Count(m => m.CustomerId == c.CustomerId && m.FromStaff && (c.CustomerReadUpTo == null || m.At > c.CustomerReadUpTo)),
                              }).ToListAsync(ct);
            return [.. rows.Select(r => new ChatConversation(r.Conversation.CustomerId, r.Name, r.Route, r.Last?.ToModel(), r.Unread,
                r.Conversation.StaffReadUpTo, r.Conversation.CustomerReadUpTo))];
        }, ct);
    }

    /// <summary>One conversation's messages, a page at a time from the newest; staff, or that customer.</summary>
    public Task<ChatPage> MessagesAsync(Actor actor, Guid? customerId, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var conversation = ConversationOf(actor, Operation.ReadSupport, customerId);
        var v = new Validation();
        if (page < 1)
        {
            v.Add("page", "Page must be 1 or more.");
        }

        if (pageSize is < 1 or > ChatPage.MaxPageSize)
        {
            v.Add("pageSize", $"Page size must be between 1 and {ChatPage.MaxPageSize}.");
        }

        v.ThrowIfInvalid();
        return writer.ReadAsync(async db =>
        {
            if (!await db.Customers.AnyAsync(c => c.Id == conversation, ct))
            {
                throw DomainException.NotFound("Customer", conversation);
            }

            var all = db.ChatMessages.AsNoTracking().Where(m => m.CustomerId == conversation);
            var total = await all.CountAsync(ct);
            var rows = await all.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            var row = await db.ChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerId == conversation, ct);
            return new ChatPage(conversation, [.. rows.AsEnumerable().Reverse().Select(m => m.ToModel())], total, page, pageSize,
                row?.StaffReadUpTo, row?.CustomerReadUpTo);
        }, ct);
    }

    /// <summary>The conversation the actor means: staff name it; a customer's is their own (<see cref="Guard.CustomerOf"/>).</summary>
    public static Guid ConversationOf(Actor actor, Operation operation, Guid? customerId) =>
        Guard.CustomerOf(actor, operation, customerId, "support conversation");

    // A sliding minute per user, in this instance (an app that floods one instance is refused there).
    private void Admit(string userId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recent = _recent.GetOrAdd(userId, _ => new Queue<DateTime>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= TimeSpan.FromMinutes(1))
            {
                recent.Dequeue();
            }

            if (recent.Count >= MaxPerMinute)
            {
                throw new DomainException(ErrorCodes.RateLimited, $"At most {MaxPerMinute} messages a minute; wait a moment and send again.");
            }

            recent.Enqueue(now);
        }
    }
}
