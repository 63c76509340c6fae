using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>The Engine.IO v4 error codes and messages a refused request carries (as the reference server sends them).</summary>
public sealed record EngineError(int Code, string Message, int Status = StatusCodes.Status400BadRequest)
{
    public static readonly EngineError UnknownTransport = new(0, "Transport unknown");
    public static readonly EngineError UnknownSid = new(1, "Session ID unknown");
    public static readonly EngineError BadHandshakeMethod = new(2, "Bad handshake method");
    public static readonly EngineError BadRequest = new(3, "Bad request");
    public static readonly EngineError Forbidden = new(4, "Forbidden", StatusCodes.Status403Forbidden);
    public static readonly EngineError UnsupportedProtocolVersion = new(5, "Unsupported protocol version");
}

/// <summary>
/// The Engine.IO v4 server: the handshake, then each request routed to its session — long-polling GET/POST, the
/// WebSocket, or the upgrade from one to the other. Mapped at one path (e.g. /socket.io/).
/// </summary>
/// <param name="slowClientDropped">Told each time a session is closed because its client fell too far behind (for metrics).</param>
public sealed partial class EngineServer(EngineOptions options, IEngineHandler handler, ILogger<EngineServer> logger, Action? slowClientDropped = null)
{
    public const string PollingName = "polling";
    public const string WebSocketName = "websocket";

    private readonly ConcurrentDictionary<string, EngineSession> _sessions = new(StringComparer.Ordinal);

    public EngineOptions Options => options;

    public int SessionCount => _sessions.Count;

    /// <summary>Decides whether a browser origin may connect (null: any). Applied to WebSockets, which CORS does not cover.</summary>
    public Func<HttpContext, string, bool>? IsOriginAllowed { get; set; }

    public async Task HandleAsync(HttpContext http)
    {
        var query = http.Request.Query;
        var transport = query["transport"].ToString();
        if (transport is not (PollingName or WebSocketName))
        {
            await RejectAsync(http, EngineError.UnknownTransport);
            return;
        }

        if (query["EIO"] != "4")
        {
            await RejectAsync(http, EngineError.UnsupportedProtocolVersion);
            return;
        }

        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && IsOriginAllowed is { } allowed && !allowed(http, origin))
        {
            await RejectAsync(http, EngineError.Forbidden);
            return;
        }

        var sid = query["sid"].ToString();
        if (sid.Length == 0)
        {
            await OpenAsync(http, transport);
            return;
        }

        if (!_sessions.TryGetValue(sid, out var session) || session.ExpireIfPongOverdue())
        {
            await RejectAsync(http, EngineError.UnknownSid);
            return;
        }

        if (transport == WebSocketName)
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                await RejectAsync(http, EngineError.BadRequest);
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await session.UpgradeAsync(socket);
        }
        else if (HttpMethods.IsGet(http.Request.Method))
        {
            await session.PollAsync(http);
        }
        else if (HttpMethods.IsPost(http.Request.Method))
        {
            await session.PostAsync(http);
        }
        else
        {
            await RejectAsync(http, EngineError.BadRequest);
        }
    }

    private async Task OpenAsync(HttpContext http, string transport)
    {
        if (transport == WebSocketName ? !http.WebSockets.IsWebSocketRequest : !HttpMethods.IsGet(http.Request.Method))
        {
            await RejectAsync(http, transport == WebSocketName ? EngineError.BadRequest : EngineError.BadHandshakeMethod);
            return;
        }

        var handshake = new EngineHandshake(transport, http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.Origin.ToString() is { Length: > 0 } o ? o : null, http.Request.Headers.UserAgent.ToString(), DateTime.UtcNow);
        var session = new EngineSession(NewSid(), options, handshake, handler, s => _sessions.TryRemove(s.Id, out _),
            slowClientDropped ?? (() => { }), logger);
        var open = OpenPacket(session.Id, transport == PollingName);
        _sessions[session.Id] = session;
        LogOpened(session.Id, transport, handshake.RemoteAddress);
        if (transport == PollingName)
        {
            session.Start();
            http.Response.ContentType = "text/plain; charset=UTF-8";
            await http.Response.WriteAsync(open);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        session.Send(new EngineFrame(open, null));
        session.Start();
        await session.RunWebSocketAsync(socket);
    }

    private string OpenPacket(string sid, bool canUpgrade) => "0" + JsonSerializer.Serialize(new
    {
        sid,
        upgrades = canUpgrade ? new[] { WebSocketName } : [],
        pingInterval = (long)options.PingInterval.TotalMilliseconds,
        pingTimeout = (long)options.PingTimeout.TotalMilliseconds,
        maxPayload = options.MaxPayload,
    });

    /// <summary>Closes every session (the server is stopping); clients see a transport close and reconnect elsewhere or later.</summary>
    public void CloseAll(string reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(reason);
        }
    }

    internal static Task RejectAsync(HttpContext http, EngineError error)
    {
        http.Response.StatusCode = error.Status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { code = error.Code, message = error.Message }));
    }

    private static string NewSid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    [LoggerMessage(LogLevel.Debug, "Engine.IO session {Sid} opened over {Transport} from {Remote}")]
    private partial void LogOpened(string sid, string transport, string? remote);
}
