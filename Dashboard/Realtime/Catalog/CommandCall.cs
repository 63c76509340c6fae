using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>What a client → server message produced: the ack/return value, and optionally a reply event for the caller only.</summary>
public sealed record CommandReply(object? Result, string? ReplyEvent = null, object? ReplyPayload = null);

/// <summary>One client → server message being handled: who sent it, its connection's rooms, and the services to do it with.</summary>
public sealed class CommandCall(Actor actor, IRoomMembership rooms, IServiceProvider services, CancellationToken cancellation, string connectionId = "")
{
    public Actor Actor { get; } = actor;

    /// <summary>The sending connection's id in the <see cref="ConnectionRegistry"/> (empty when it is not registered).</summary>
    public string ConnectionId { get; } = connectionId;

    public IRoomMembership Rooms { get; } = rooms;

    /// <summary>Ends when the connection does.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>A domain service (they are singletons).</summary>
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();
}
