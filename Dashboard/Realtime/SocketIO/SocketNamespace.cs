using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Realtime.SocketIO.Engine;
using Dashboard.Realtime.SocketIO.Protocol;

namespace Dashboard.Realtime.SocketIO;

/// <summary>A namespace: its sockets and rooms, and broadcasts encoded once for every recipient.</summary>
public sealed class SocketNamespace(string name, ISocketNamespaceHandler handler, JsonSerializerOptions json)
{
    private readonly ConcurrentDictionary<string, SocketIOSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SocketIOSocket>> _rooms = new(StringComparer.Ordinal);

    public string Name => name;

    public ISocketNamespaceHandler Handler => handler;

    public JsonSerializerOptions Json => json;

    public int Count => _sockets.Count;

    public IReadOnlyList<SocketIOSocket> Sockets => [.. _sockets.Values];

    public int RoomSize(string room) => _rooms.TryGetValue(room, out var members) ? members.Count : 0;

    /// <summary>Sends one event to every socket in any of <paramref name="rooms"/> (once each); returns how many got it.</summary>
    public int EmitToRooms(IReadOnlyList<string> rooms, string eventName, object? payload) => EmitToRooms(rooms, Frame(eventName, payload));

    /// <summary>
    /// The same for an event whose <c>["name", …args]</c> array is already serialized (once, for every namespace): one
    /// frame, the same bytes for every recipient.
    /// </summary>
    public int EmitArrayToRooms(IReadOnlyList<string> rooms, string jsonArray) =>
        EmitToRooms(rooms, EngineFrame.Message(SocketCodec.Encode(SocketPacketType.Event, name, null, jsonArray)));

    /// <summary>
    /// A logged event (its array carrying <paramref name="position"/> as the offset): each socket gets it once, after the
    /// events it replays from the log (see <see cref="SocketIOSocket.HoldLive"/>).
    /// </summary>
    public int EmitLoggedToRooms(IReadOnlyList<string> rooms, IReadOnlyList<string> jsonArrays, long position)
    {
        EngineFrame[] frames = [.. jsonArrays.Select(a => EngineFrame.Message(SocketCodec.Encode(SocketPacketType.Event, name, null, a)))];
        var sent = 0;
        foreach (var socket in Recipients(rooms))
        {
            if (socket.DeliverLogged(position, frames))
            {
                sent++;
            }
        }

        return sent;
    }

    private int EmitToRooms(IReadOnlyList<string> rooms, EngineFrame frame) => SendAll(Recipients(rooms), frame);

    private IEnumerable<SocketIOSocket> Recipients(IReadOnlyList<string> rooms)
    {
        if (rooms.Count == 1)
        {
            return _rooms.TryGetValue(rooms[0], out var only) ? only.Values : [];
        }

        var recipients = new HashSet<SocketIOSocket>(ReferenceEqualityComparer.Instance);
        foreach (var room in rooms)
        {
            if (_rooms.TryGetValue(room, out var members))
            {
                recipients.UnionWith(members.Values);
            }
        }

        return recipients;
    }

    public int EmitToAll(string eventName, object? payload) => SendAll(_sockets.Values, Frame(eventName, payload));

    private EngineFrame Frame(string eventName, object? payload) => EngineFrame.Message(
        SocketCodec.Encode(SocketPacketType.Event, name, null, SocketCodec.JsonArray(eventName, [payload], json)));

    private static int SendAll(IEnumerable<SocketIOSocket> sockets, EngineFrame frame)
    {
        var sent = 0;
        foreach (var socket in sockets)
        {
            if (socket.Session.Send(frame))
            {
                sent++;
            }
        }

        return sent;
    }

    internal void Add(SocketIOSocket socket) => _sockets[socket.Id] = socket;

    internal void Remove(SocketIOSocket socket, string reason)
    {
        if (_sockets.TryRemove(socket.Id, out _))
        {
            handler.OnDisconnected(socket, reason);
        }
    }

    internal void AddToRoom(string room, SocketIOSocket socket)
    {
        while (true)
        {
            var members = _rooms.GetOrAdd(room, _ => new ConcurrentDictionary<string, SocketIOSocket>(StringComparer.Ordinal));
            members[socket.Id] = socket;
            if (_rooms.TryGetValue(room, out var current) && ReferenceEquals(current, members))
            {
                return; // not the set a last leaver just dropped
            }
        }
    }

    internal void RemoveFromRoom(string room, SocketIOSocket socket)
    {
        if (_rooms.TryGetValue(room, out var members) && members.TryRemove(socket.Id, out _) && members.IsEmpty)
        {
            // Empty rooms go, so per-order rooms do not pile up; a join racing this re-creates the room.
            _rooms.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, SocketIOSocket>>(room, members));
        }
    }
}
