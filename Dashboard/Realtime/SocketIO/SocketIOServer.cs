using System.Text.Json;
using Dashboard.Realtime.SocketIO.Engine;

namespace Dashboard.Realtime.SocketIO;

/// <summary>What a namespace does: admit or refuse a connection, answer events, learn of departures.</summary>
public interface ISocketNamespaceHandler
{
    ValueTask<SocketConnectResult> AuthorizeAsync(SocketConnectRequest request);

    ValueTask OnConnectedAsync(SocketIOSocket socket);

    /// <summary>The ack's arguments when the client asked for one (null: nothing to say).</summary>
    ValueTask<SocketAck?> OnEventAsync(SocketIOSocket socket, SocketEvent message);

    void OnDisconnected(SocketIOSocket socket, string reason);

    /// <summary>
    /// An event not run because the socket already has <see cref="SocketIOOptions.EventQueueCapacity"/> waiting: the
    /// client sends faster than its commands complete. The ack's arguments when the client asked for one.
    /// </summary>
    SocketAck? OnEventRefused(SocketIOSocket socket, SocketEvent message) => null;

    /// <summary>
    /// An event not run because it is over <see cref="SocketIOOptions.MaxMessageBytes"/>; the connection closes once this
    /// returns. The ack's arguments when the client asked for one (sent before the close).
    /// </summary>
    SocketAck? OnEventTooLarge(SocketIOSocket socket, long bytes, long limit) => null;
}

/// <summary>A CONNECT for a namespace, with the client's <c>auth</c> object.</summary>
public sealed record SocketConnectRequest(EngineSession Session, string Namespace, JsonElement? Auth);

public sealed record SocketConnectResult(bool Allowed, object? State, string? Message, object? Data)
{
    /// <summary>The socket id to use: a recovered session's, kept as socket.io keeps it (null: a new one).</summary>
    public string? Sid { get; init; }

    /// <summary>The private session id sent with CONNECT, making the session recoverable (null: not recoverable).</summary>
    public string? Pid { get; init; }

    public static SocketConnectResult Allow(object? state) => new(true, state, null, null);

    /// <summary>A recoverable session: a fresh one (<paramref name="sid"/> null) or one being recovered.</summary>
    public static SocketConnectResult Allow(object? state, string? sid, string pid) => new(true, state, null, null) { Sid = sid, Pid = pid };

    public static SocketConnectResult Refuse(string message, object? data = null) => new(false, null, message, data);
}

/// <summary>An EVENT or BINARY_EVENT: its name, its other arguments, and the binary attachments their placeholders point to.</summary>
public sealed record SocketEvent(string Name, IReadOnlyList<JsonElement> Args, IReadOnlyList<byte[]> Attachments, bool WantsAck);

public sealed record SocketAck(IReadOnlyList<object?> Args, IReadOnlyList<byte[]>? Attachments = null);

/// <summary>Socket.IO server options on top of Engine.IO's.</summary>
public sealed class SocketIOOptions
{
    /// <summary>A session that has not connected to any namespace by then is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Events one socket may have waiting for its handler; more are refused until it catches up.</summary>
    public int EventQueueCapacity { get; set; } = 64;

    /// <summary>
    /// Largest packet accepted, in UTF-8 bytes, a binary one counted with its attachments; larger is refused unread and
    /// closes the connection. The reference server bounds only each Engine.IO message (maxHttpBufferSize, 1 MB).
    /// </summary>
    public long MaxMessageBytes { get; set; } = 1_000_000;

    /// <summary>How long a binary packet's attachments may take to follow it; longer closes the connection.</summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The Socket.IO v5 server: the namespaces, and one <see cref="SocketIOConnection"/> per Engine.IO session that
/// multiplexes them. Thin: who may connect and what events mean is the namespaces' handlers' business.
/// </summary>
public sealed partial class SocketIOServer(SocketIOOptions options, JsonSerializerOptions json, ILogger<SocketIOServer> logger) : IEngineHandler
{
    private readonly Dictionary<string, SocketNamespace> _namespaces = new(StringComparer.Ordinal);

    public JsonSerializerOptions Json => json;

    public SocketIOOptions Options => options;

    /// <summary>Adds a namespace (at start-up, before the first client).</summary>
    public SocketNamespace AddNamespace(string name, ISocketNamespaceHandler handler)
    {
        var ns = new SocketNamespace(name, handler, json);
        _namespaces.Add(name, ns);
        return ns;
    }

    public SocketNamespace? Find(string name) => _namespaces.GetValueOrDefault(name);

    public void OnOpen(EngineSession session)
    {
        var connection = new SocketIOConnection(session, this);
        session.State = connection;
        _ = CloseIfNotConnectedAsync(connection);
    }

    public ValueTask OnMessageAsync(EngineSession session, EnginePacket message) =>
        ((SocketIOConnection)session.State!).ReceiveAsync(message);

    public void OnClose(EngineSession session, string reason) => (session.State as SocketIOConnection)?.Closed(reason);

    private async Task CloseIfNotConnectedAsync(SocketIOConnection connection)
    {
        try
        {
            await Task.Delay(options.ConnectTimeout, connection.Session.Closing);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!connection.EverConnected)
        {
            LogConnectTimeout(connection.Session.Id);
            connection.Session.Close("connect timeout");
        }
    }

    internal void LogMalformed(string sid, string reason) => LogMalformedPacket(sid, reason);

    internal void LogHandlerFailed(Exception ex, string sid, string @event) => LogEventHandlerFailed(ex, sid, @event);

    internal void LogTooLarge(string sid, long bytes) => LogPacketTooLarge(sid, bytes, options.MaxMessageBytes);

    [LoggerMessage(LogLevel.Error, "The handler of event {Event} of Socket.IO session {Sid} failed; the session is closed")]
    private partial void LogEventHandlerFailed(Exception ex, string sid, string @event);

    [LoggerMessage(LogLevel.Debug, "Socket.IO session {Sid} connected to no namespace in time and is closed")]
    private partial void LogConnectTimeout(string sid);

    [LoggerMessage(LogLevel.Information, "Socket.IO session {Sid} sent a {Bytes}-byte packet, over the {Limit} allowed, and is closed")]
    private partial void LogPacketTooLarge(string sid, long bytes, long limit);

    [LoggerMessage(LogLevel.Information, "Socket.IO session {Sid} sent a malformed packet ({Reason}) and is closed")]
    private partial void LogMalformedPacket(string sid, string reason);
}
