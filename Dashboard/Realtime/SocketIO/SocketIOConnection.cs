using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Dashboard.Realtime.SocketIO.Engine;
using Dashboard.Realtime.SocketIO.Protocol;

namespace Dashboard.Realtime.SocketIO;

/// <summary>
/// One client's Engine.IO session seen as Socket.IO: decodes packets (reassembling binary attachments), routes them to
/// the socket of their namespace, and closes the whole session on a malformed packet or one over the message limit.
/// </summary>
public sealed class SocketIOConnection(EngineSession session, SocketIOServer server)
{
    private readonly ConcurrentDictionary<string, SocketIOSocket> _sockets = new(StringComparer.Ordinal);
    private PendingBinary? _pending;

    /// <summary>Disconnect reasons (socket.io's own words) for a namespace ended on purpose rather than lost.</summary>
    public const string ServerDisconnect = "server namespace disconnect";

    public const string ClientDisconnect = "client namespace disconnect";

    /// <summary>The close reason of a connection that sent a packet over <see cref="SocketIOOptions.MaxMessageBytes"/>.</summary>
    public const string TooLargeReason = "message too large";

    public EngineSession Session => session;

    public bool EverConnected { get; private set; }

    public async ValueTask ReceiveAsync(EnginePacket message)
    {
        if (message.Binary is { } data)
        {
            if (Volatile.Read(ref _pending) is not { } pending)
            {
                Malformed("binary data with no packet expecting it");
                return;
            }

            pending.Attachments.Add(data);
            pending.Bytes += data.Length;
            if (pending.Bytes > server.Options.MaxMessageBytes)
            {
                if (TakePending(pending))
                {
                    TooLarge(pending.Packet, pending.Bytes);
                }
            }
            else if (pending.Attachments.Count == pending.Packet.Attachments && TakePending(pending))
            {
                await DispatchAsync(pending.Packet, pending.Attachments);
            }

            return;
        }

        var text = message.Text ?? "";
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (Volatile.Read(ref _pending) is not null)
        {
            Malformed("text packet while binary attachments were expected");
        }
        else if (bytes > server.Options.MaxMessageBytes)
        {
            if (SocketCodec.TryParseHeader(text, out var header, out _))
            {
                TooLarge(header!, bytes);
            }
            else
            {
                Malformed("unparsable packet");
            }
        }
        else if (!SocketCodec.TryParse(text, out var packet))
        {
            Malformed("unparsable packet");
        }
        else if (packet!.Attachments > 0)
        {
            AwaitAttachments(packet, bytes);
        }
        else
        {
            await DispatchAsync(packet, []);
        }
    }

    /// <summary>
    /// The attachments follow their packet at once (socket.io-client writes them together), so a wait much longer than
    /// it takes to send <see cref="SocketIOOptions.MaxMessageBytes"/> is a client holding the connection half-read: closed,
    /// as a malformed packet is. (The reference server waits forever.)
    /// </summary>
    private void AwaitAttachments(SocketPacket packet, long bytes)
    {
        var pending = new PendingBinary(packet, bytes);
        Volatile.Write(ref _pending, pending);
        var timeout = server.Options.AttachmentTimeout;
        pending.Timer = TimeProvider.System.CreateTimer(_ =>
        {
            if (TakePending(pending))
            {
                Malformed($"{pending.Attachments.Count} of {packet.Attachments} binary attachments within {timeout.TotalMilliseconds} ms");
            }
        }, null, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Ends the wait for <paramref name="pending"/>'s attachments; true for the one caller that did (the last attachment, the timer, the close).</summary>
    private bool TakePending(PendingBinary pending)
    {
        if (Interlocked.CompareExchange(ref _pending, null, pending) != pending)
        {
            return false;
        }

        pending.Dispose();
        return true;
    }

    /// <summary>
    /// A packet over the message limit is not run: an event's socket is told why (and its ack, when asked for, carries
    /// the same), then the whole connection closes, as the engine's own limit and the hub's do.
    /// </summary>
    private void TooLarge(SocketPacket header, long bytes)
    {
        server.LogTooLarge(session.Id, bytes);
        if (header.Type is SocketPacketType.Event or SocketPacketType.BinaryEvent
            && _sockets.TryGetValue(header.Namespace, out var socket) && socket.Connected)
        {
            var refusal = socket.Namespace.Handler.OnEventTooLarge(socket, bytes, server.Options.MaxMessageBytes);
            if (header.AckId is { } id)
            {
                socket.SendAck(id, refusal ?? new SocketAck([]));
            }
        }

        session.CloseAfterQueued(TooLargeReason);
    }

    /// <summary>A handler threw (they answer failures themselves, so this is a bug): the session ends, as a broken one would.</summary>
    internal void HandlerFailed(Exception ex, string eventName)
    {
        server.LogHandlerFailed(ex, session.Id, eventName);
        session.Close("server error");
    }

    private void Malformed(string reason)
    {
        server.LogMalformed(session.Id, reason);
        session.Close("parse error");
    }

    private async ValueTask DispatchAsync(SocketPacket packet, IReadOnlyList<byte[]> attachments)
    {
        switch (packet.Type)
        {
            case SocketPacketType.Connect:
                await ConnectAsync(packet);
                break;
            case SocketPacketType.Disconnect:
                if (_sockets.TryRemove(packet.Namespace, out var leaving))
                {
                    leaving.Closed(ClientDisconnect);
                }

                break;
            case SocketPacketType.Event or SocketPacketType.BinaryEvent when _sockets.TryGetValue(packet.Namespace, out var socket):
                var items = packet.Data!.Value.EnumerateArray().ToList();
                var message = new SocketEvent(items[0].GetString()!, items[1..], attachments, packet.AckId is not null);
                if (!socket.TryQueue(message, packet.AckId) && socket.Connected)
                {
                    var refusal = socket.Namespace.Handler.OnEventRefused(socket, message);
                    if (packet.AckId is { } id)
                    {
                        socket.SendAck(id, refusal ?? new SocketAck([]));
                    }
                }

                break;
            default:
                break; // events for a namespace this client is not in, and acks (the server asks for none), are dropped
        }
    }

    private async ValueTask ConnectAsync(SocketPacket packet)
    {
        var name = packet.Namespace;
        if (_sockets.ContainsKey(name))
        {
            return;
        }

        if (server.Find(name) is not { } ns)
        {
            SendConnectError(name, "Invalid namespace", null);
            return;
        }

        var result = await ns.Handler.AuthorizeAsync(new SocketConnectRequest(session, name, packet.Data));
        if (!result.Allowed)
        {
            SendConnectError(name, result.Message ?? "Not authorized", result.Data);
            return;
        }

        var socket = new SocketIOSocket(this, ns, packet.Data, result.State, server.Options.EventQueueCapacity, result.Sid, result.Pid);
        _sockets[name] = socket;
        EverConnected = true;
        ns.Add(socket);
        if (!session.IsOpen)
        {
            Closed("transport close"); // the session ended while the handler was deciding
            return;
        }

        Send(SocketPacketType.Connect, name, null, socket.Pid is null
            ? JsonSerializer.Serialize(new { sid = socket.Id })
            : JsonSerializer.Serialize(new { sid = socket.Id, pid = socket.Pid }));
        await ns.Handler.OnConnectedAsync(socket);
    }

    private void SendConnectError(string ns, string message, object? data) => Send(SocketPacketType.ConnectError, ns, null,
        data is null ? JsonSerializer.Serialize(new { message }) : JsonSerializer.Serialize(new { message, data }, server.Json));

    internal void Send(SocketPacketType type, string ns, long? ackId, string? json) =>
        session.Send(EngineFrame.Message(SocketCodec.Encode(type, ns, ackId, json)));

    /// <summary>A server-side namespace disconnect: the client is told and will not reconnect that namespace by itself.</summary>
    internal void Disconnect(SocketIOSocket socket)
    {
        if (_sockets.TryRemove(socket.Namespace.Name, out _))
        {
            Send(SocketPacketType.Disconnect, socket.Namespace.Name, null, null);
            socket.Closed(ServerDisconnect);
        }
    }

    /// <summary>The Engine.IO session ended: every namespace socket of it goes.</summary>
    internal void Closed(string reason)
    {
        if (Volatile.Read(ref _pending) is { } pending)
        {
            TakePending(pending);
        }

        foreach (var name in _sockets.Keys)
        {
            if (_sockets.TryRemove(name, out var socket))
            {
                socket.Closed(reason);
            }
        }
    }

    /// <summary>A binary packet waiting for its attachments, and the timer that gives up on them.</summary>
    private sealed class PendingBinary(SocketPacket packet, long bytes) : IDisposable
    {
        public SocketPacket Packet => packet;

        public List<byte[]> Attachments { get; } = new(packet.Attachments);

        /// <summary>The packet's own and its attachments' so far.</summary>
        public long Bytes { get; set; } = bytes;

        public ITimer? Timer { get; set; }

        public void Dispose() => Timer?.Dispose();
    }
}
