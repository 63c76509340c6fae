using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <param name="Page">For browser tabs: the path the tab is on now (null for app connections).</param>
public sealed record RealtimeConnection(string Id, string Transport, string UserId, string UserName, string Role, DateTime ConnectedAt,
    IReadOnlyList<string> Rooms, string? Page = null);

/// <summary>How to re-check and end one connection when its user is disabled or their sign-in is renewed.</summary>
/// <param name="End">Closes the connection (or signs the tab out), with a reason for the client.</param>
public sealed record ConnectionControl(ClaimsPrincipal Principal, Action<string> End);

/// <summary>
/// Who is connected right now — app connections on every transport and signed-in browser circuits — for the status
/// endpoint and the Users page's "who is online".
/// </summary>
public sealed class ConnectionRegistry(BusinessClock clock)
{
    private readonly ConcurrentDictionary<string, RealtimeConnection> _connections = new();
    private readonly ConcurrentDictionary<string, ConnectionControl> _controls = new();
    private readonly Lock _gate = new();
    private Action[] _watchers = [];

    public RealtimeConnection Add(string id, string transport, Actor actor, IReadOnlyList<string> rooms,
        ConnectionControl? control = null, string? page = null)
    {
        var connection = new RealtimeConnection(id, transport, actor.UserId, actor.Name, actor.Role, clock.UtcNow, rooms, page);
        if (control is not null)
        {
            _controls[id] = control;
        }

        _connections[id] = connection;
        Notify();
        return connection;
    }

    /// <summary>A browser tab navigated: "who is online" shows where each person is.</summary>
    public void SetPage(string id, string page)
    {
        if (_connections.TryGetValue(id, out var current) && current.Page != page
            && _connections.TryUpdate(id, current with { Page = page }, current))
        {
            Notify();
        }
    }

    public void Remove(string id)
    {
        _controls.TryRemove(id, out _);
        if (_connections.TryRemove(id, out _))
        {
            Notify();
        }
    }

    /// <summary>The open connections of one user that can be re-checked and ended.</summary>
    public IReadOnlyList<ConnectionControl> ControlsOf(string userId) =>
        [.. _connections.Values.Where(c => c.UserId == userId).Select(c => _controls.GetValueOrDefault(c.Id)).OfType<ConnectionControl>()];

    /// <summary>Called (on the caller's thread) whenever someone connects, navigates or leaves, until disposed.</summary>
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
