using System.Collections.Concurrent;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

public sealed record RealtimeConnection(string Id, string Transport, string UserId, string UserName, string Role, DateTime ConnectedAt, IReadOnlyList<string> Rooms);

/// <summary>
/// Who is connected right now — app connections on every transport and signed-in browser circuits — for the status
/// endpoint and the Users page's "who is online".
/// </summary>
public sealed class ConnectionRegistry(BusinessClock clock)
{
    private readonly ConcurrentDictionary<string, RealtimeConnection> _connections = new();
    private readonly Lock _gate = new();
    private Action[] _watchers = [];

    public RealtimeConnection Add(string id, string transport, Actor actor, IReadOnlyList<string> rooms)
    {
        var connection = new RealtimeConnection(id, transport, actor.UserId, actor.Name, actor.Role, clock.UtcNow, rooms);
        _connections[id] = connection;
        Notify();
        return connection;
    }

    public void Remove(string id)
    {
        if (_connections.TryRemove(id, out _))
        {
            Notify();
        }
    }

    /// <summary>Called (on the caller's thread) whenever someone connects or leaves, until disposed.</summary>
    public IDisposable Watch(Action changed)
    {
        lock (_gate)
        {
            _watchers = [.. _watchers, changed];
        }

        return new Unwatch(this, changed);
    }

    private void Notify()
    {
        foreach (var watcher in Volatile.Read(ref _watchers))
        {
            watcher();
        }
    }

    private sealed class Unwatch(ConnectionRegistry owner, Action changed) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._watchers = owner._watchers.Where(w => w != changed).ToArray();
            }
        }
    }

    public IReadOnlyList<RealtimeConnection> Snapshot() => [.. _connections.Values];
}
