using System.Collections.Concurrent;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

public sealed record RealtimeConnection(string Id, string Transport, string UserId, string UserName, string Role, DateTime ConnectedAt, IReadOnlyList<string> Rooms);

/// <summary>Who is connected right now, over which transport, in which rooms — for status pages and "who is online".</summary>
public sealed class ConnectionRegistry(BusinessClock clock)
{
    private readonly ConcurrentDictionary<string, RealtimeConnection> _connections = new();

    public RealtimeConnection Add(string id, string transport, Actor actor, IReadOnlyList<string> rooms)
    {
        var connection = new RealtimeConnection(id, transport, actor.UserId, actor.Name, actor.Role, clock.UtcNow, rooms);
        _connections[id] = connection;
        return connection;
    }

    public void Remove(string id) => _connections.TryRemove(id, out _);

    public IReadOnlyList<RealtimeConnection> Snapshot() => [.. _connections.Values];
}
