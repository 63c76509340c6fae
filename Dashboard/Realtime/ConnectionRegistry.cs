using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <param name="Page">The path a browser tab is on, or the page or screen an app last said it is on (<c>page:navigate</c>).</param>
/// <param name="Rooms">Every room the connection is in now: those joined at connect and those joined since.</param>
/// <param name="Namespace">The Socket.IO namespace (<c>/</c>, <c>/admin</c>); null for SignalR and browser tabs.</param>
/// <param name="LastSeen">When the connection last said anything (connected, a command, a heartbeat, a navigation).</param>
// No defaults on the value-type parameters: the OpenAPI schema writes a parameter's default, and null is no DateTime.
public sealed record RealtimeConnection(string Id, string Transport, string UserId, string UserName, string Role, DateTime ConnectedAt,
    IReadOnlyList<string> Rooms, string? Page, string? Namespace, DateTime LastSeen)
{
    /// <summary>A signed-in browser tab, not an app.</summary>
    public bool IsBrowser => Transport == BrowserPresence.Transport;
}

/// <summary>How to re-check and end one connection when its user is disabled or their sign-in is renewed.</summary>
/// <param name="End">Closes the connection (or signs the tab out), with a reason for the client.</param>
/// <param name="Close">Closes the connection at an admin's request (the real-time page); null: as <paramref name="End"/> does.</param>
public sealed record ConnectionControl(ClaimsPrincipal Principal, Action<string> End, Action? Close = null);

/// <summary>
/// Who is connected right now — app connections on every transport and signed-in browser circuits — for the status
/// endpoint, the Users page's "who is online", <c>live-users-update</c> and the real-time page.
/// </summary>
public sealed class ConnectionRegistry(BusinessClock clock)
{
    private readonly ConcurrentDictionary<string, RealtimeConnection> _connections = new();
    private readonly ConcurrentDictionary<string, ConnectionControl> _controls = new();
    private readonly Lock _gate = new();
    private Action[] _watchers = [];

    public RealtimeConnection Add(string id, string transport, Actor actor, IReadOnlyList<string> rooms,
        ConnectionControl? control = null, string? page = null, string? ns = null)
    {
        var now = clock.UtcNow;
        var connection = new RealtimeConnection(id, transport, actor.UserId, actor.Name, actor.Role, now, [.. rooms], page, ns, now);
        if (control is not null)
        {
            _controls[id] = control;
        }

        _connections[id] = connection;
        Notify();
        return connection;
    }

    /// <summary>A tab navigated, or an app moved to another screen: "who is online" shows where each person is.</summary>
    public void SetPage(string id, string page)
    {
        if (Update(id, c => c.Page == page ? c with { LastSeen = clock.UtcNow } : c with { Page = page, LastSeen = clock.UtcNow }, out var changed) && changed)
        {
            Notify();
        }
    }

    /// <summary>The connection said something (a command, a heartbeat): its last seen moves, quietly (no watcher is called).</summary>
    public void Touch(string id) => Update(id, c => c with { LastSeen = clock.UtcNow }, out _);

    /// <summary>The connection joined a room after connecting (an order's room, a <c>join-room</c>).</summary>
    public void Joined(string id, string room)
    {
        if (Update(id, c => c.Rooms.Contains(room, StringComparer.Ordinal) ? c : c with { Rooms = [.. c.Rooms, room] }, out var changed) && changed)
        {
            Notify();
        }
    }

    public void Left(string id, string room)
    {
        if (Update(id, c => c.Rooms.Contains(room, StringComparer.Ordinal) ? c with { Rooms = [.. c.Rooms.Where(r => r != room)] } : c, out var changed) && changed)
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

    /// <summary>Closes one connection at an admin's request; false when no such connection is open (or it cannot be closed).</summary>
    public bool Disconnect(string id)
    {
        if (!_connections.ContainsKey(id) || !_controls.TryGetValue(id, out var control))
        {
            return false;
        }

        (control.Close ?? (() => control.End("An admin closed this connection.")))();
        return true;
    }

    /// <summary>The open connections of one user that can be re-checked and ended.</summary>
    public IReadOnlyList<ConnectionControl> ControlsOf(string userId) =>
        [.. _connections.Values.Where(c => c.UserId == userId).Select(c => _controls.GetValueOrDefault(c.Id)).OfType<ConnectionControl>()];

    /// <summary>
    /// Called (on the caller's thread) whenever someone connects, navigates, joins or leaves a room, or leaves, until disposed.
    /// </summary>
    public IDisposable Watch(Action changed)
    {
        lock (_gate)
        {
            _watchers = [.. _watchers, changed];
        }

        return new Unwatch(this, changed);
    }

    /// <summary>Applies <paramref name="change"/> to the connection; <paramref name="changed"/> says whether more than last seen moved.</summary>
    private bool Update(string id, Func<RealtimeConnection, RealtimeConnection> change, out bool changed)
    {
        while (_connections.TryGetValue(id, out var current))
        {
            var next = change(current);
            if (_connections.TryUpdate(id, next, current))
            {
                changed = next with { LastSeen = current.LastSeen } != current;
                return true;
            }
        }

        changed = false;
        return false;
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

    public RealtimeConnection? Find(string id) => _connections.GetValueOrDefault(id);
}
