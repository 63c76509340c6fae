using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Realtime.SocketIO.Engine;
using Dashboard.Realtime.SocketIO.Protocol;

namespace Dashboard.Realtime.SocketIO;

/// <summary>One client connected to one namespace: its rooms, and emits to it alone.</summary>
public sealed class SocketIOSocket
{
    private readonly SocketIOConnection _connection;
    private readonly ConcurrentDictionary<string, byte> _rooms = new(StringComparer.Ordinal);
    private readonly int _eventQueueCapacity;
    private Channel<(SocketEvent Message, long? AckId)>? _inbox;
    private readonly Lock _delivery = new();
    private List<(long Position, EngineFrame[] Frames)>? _held;
    private long _lastDelivered;
    private int _closed;

    internal SocketIOSocket(SocketIOConnection connection, SocketNamespace ns, JsonElement? auth, object? state, int eventQueueCapacity,
        string? id = null, string? pid = null)
    {
        _connection = connection;
        _eventQueueCapacity = eventQueueCapacity;
        Namespace = ns;
        Auth = auth;
        State = state;
        Id = id ?? NewId();
        Pid = pid;
    }

    public string Id { get; }

    /// <summary>The private session id sent with CONNECT when the session is recoverable (never shown to other clients).</summary>
    public string? Pid { get; }

    /// <summary>The log position of the last logged event sent to this socket (its recovery offset).</summary>
    public long LastDelivered
    {
        get
        {
            lock (_delivery)
            {
                return _lastDelivered;
            }
        }
    }

    /// <summary>A random URL-safe id (socket.io's base64id: 120 bits).</summary>
    public static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    public SocketNamespace Namespace { get; }

    public EngineSession Session => _connection.Session;

    /// <summary>The client's handshake <c>auth</c> object, as sent.</summary>
    public JsonElement? Auth { get; }

    /// <summary>What the namespace's handler decided at connect (e.g. the authenticated user).</summary>
    public object? State { get; }

    public bool Connected => Volatile.Read(ref _closed) == 0 && Session.IsOpen;

    public IReadOnlyCollection<string> Rooms => [.. _rooms.Keys];

    public void Join(string room)
    {
        if (Connected && _rooms.TryAdd(room, 0))
        {
            Namespace.AddToRoom(room, this);
        }
    }

    public bool Leave(string room)
    {
        if (!_rooms.TryRemove(room, out _))
        {
            return false;
        }

        Namespace.RemoveFromRoom(room, this);
        return true;
    }

    public bool InRoom(string room) => _rooms.ContainsKey(room);

    /// <summary>
    /// From now on, logged events broadcast to this socket are held, not sent, until <see cref="ReleaseLive"/>: a socket
    /// replaying from the log must not get a live event before the ones it missed. Its stream starts after
    /// <paramref name="after"/>: logged events at or before it are never sent.
    /// </summary>
    public void HoldLive(long after)
    {
        lock (_delivery)
        {
            _held ??= [];
            _lastDelivered = Math.Max(_lastDelivered, after);
        }
    }

    /// <summary>
    /// Sends a logged event read from the log (a replay), unless this socket already got it: one event array per name it goes
    /// out under (its catalog aliases), all at its position.
    /// </summary>
    public bool Replay(long position, IReadOnlyList<string> jsonArrays)
    {
        lock (_delivery)
        {
            return SendLogged(position, [.. jsonArrays.Select(a => EngineFrame.Message(SocketCodec.Encode(SocketPacketType.Event, Namespace.Name, null, a)))]);
        }
    }

    /// <summary>The replay is done: the held live events it did not already cover go out, in order, and live ones flow.</summary>
    public void ReleaseLive()
    {
        lock (_delivery)
        {
            var held = _held;
            _held = null;
            foreach (var (position, frames) in held ?? [])
            {
                SendLogged(position, frames);
            }
        }
    }

    /// <summary>A live logged event (broadcast in position order): held while replaying, dropped if already sent.</summary>
    internal bool DeliverLogged(long position, EngineFrame[] frames)
    {
        lock (_delivery)
        {
            if (_held is not null)
            {
                _held.Add((position, frames));
                return true;
            }

            return SendLogged(position, frames);
        }
    }

    /// <summary>Every frame of one position, or none: a reconnect resumes after a whole event, never between its names.</summary>
    private bool SendLogged(long position, EngineFrame[] frames)
    {
        if (position <= _lastDelivered)
        {
            return false;
        }

        _lastDelivered = position;
        var sent = true;
        foreach (var frame in frames)
        {
            sent &= Session.Send(frame);
        }

        return sent;
    }

    public void Emit(string eventName, params object?[] args) => Session.Send(EngineFrame.Message(
        SocketCodec.Encode(SocketPacketType.Event, Namespace.Name, null, SocketCodec.JsonArray(eventName, args, Namespace.Json))));

    /// <summary>An event whose arguments hold placeholders for <paramref name="attachments"/> (sent as binary messages after it).</summary>
    public void EmitBinary(string eventName, IReadOnlyList<object?> args, IReadOnlyList<byte[]> attachments)
    {
        if (attachments.Count == 0)
        {
            Emit(eventName, [.. args]);
            return;
        }

        var json = SocketCodec.JsonArray(eventName, args, Namespace.Json);
        SendWithAttachments(SocketCodec.Encode(SocketPacketType.BinaryEvent, Namespace.Name, null, json, attachments.Count), attachments);
    }

    internal void SendAck(long id, SocketAck ack)
    {
        var json = SocketCodec.JsonArray(null, ack.Args, Namespace.Json);
        if (ack.Attachments is { Count: > 0 } attachments)
        {
            SendWithAttachments(SocketCodec.Encode(SocketPacketType.BinaryAck, Namespace.Name, id, json, attachments.Count), attachments);
        }
        else
        {
            Session.Send(EngineFrame.Message(SocketCodec.Encode(SocketPacketType.Ack, Namespace.Name, id, json)));
        }
    }

    private void SendWithAttachments(string header, IReadOnlyList<byte[]> attachments)
    {
        Session.Send(EngineFrame.Message(header));
        foreach (var attachment in attachments)
        {
            Session.Send(EngineFrame.Message(attachment));
        }
    }

    /// <summary>
    /// Queues a client's event for this socket's handler. Handlers run off the connection's read loop, so a slow command
    /// never holds up the client's heartbeat or its other namespaces, and one at a time, so this socket's events are
    /// handled and acked in the order sent. False when the queue is full, or the socket is closed.
    /// </summary>
    /// <remarks>
    /// The queue and its handler loop are made with the first event: most sockets only listen, and at 10 000 connections
    /// an idle queue per socket is memory for nothing.
    /// </remarks>
    internal bool TryQueue(SocketEvent message, long? ackId)
    {
        var inbox = Volatile.Read(ref _inbox);
        if (inbox is null)
        {
            var created = Channel.CreateBounded<(SocketEvent, long?)>(new BoundedChannelOptions(_eventQueueCapacity) { SingleReader = true });
            inbox = Interlocked.CompareExchange(ref _inbox, created, null) ?? created;
            if (inbox == created)
            {
                _ = HandleEventsAsync(created);
                if (Volatile.Read(ref _closed) == 1)
                {
                    created.Writer.TryComplete(); // closed while it was being made
                }
            }
        }

        return inbox.Writer.TryWrite((message, ackId));
    }

    private async Task HandleEventsAsync(Channel<(SocketEvent Message, long? AckId)> inbox)
    {
        await foreach (var (message, ackId) in inbox.Reader.ReadAllAsync())
        {
            if (!Connected)
            {
                continue; // once disconnected (e.g. its sign-in ended), what it queued before is not run
            }

            try
            {
                var ack = await Namespace.Handler.OnEventAsync(this, message);
                if (ackId is { } id && Session.IsOpen)
                {
                    SendAck(id, ack ?? new SocketAck([]));
                }
            }
            catch (Exception ex)
            {
                _connection.HandlerFailed(ex, message.Name);
            }
        }
    }

    /// <summary>Disconnects this namespace only; the client's other namespaces stay.</summary>
    public void Disconnect() => _connection.Disconnect(this);

    internal void Closed(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        Volatile.Read(ref _inbox)?.Writer.TryComplete();
        foreach (var room in _rooms.Keys)
        {
            Leave(room);
        }

        Namespace.Remove(this, reason);
    }
}
