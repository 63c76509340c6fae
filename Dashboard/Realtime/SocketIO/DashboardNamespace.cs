using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Realtime.SocketIO.Recovery;

namespace Dashboard.Realtime.SocketIO;

/// <summary>
/// The apps' Socket.IO namespaces (<c>/</c>, and <c>/admin</c> for Admin and Staff): a thin adapter like the SignalR
/// hub — identity from the handshake token, rooms and the command catalog from the real-time core, every write through the domain.
/// </summary>
public sealed partial class DashboardNamespace(
    bool staffOnly, TokenService tokens, RealtimeCatalog catalog, ConnectionRegistry registry, ConnectionRateLimits limits,
    RealtimeMetrics metrics, SocketIORecovery recovery, ILogger<DashboardNamespace> logger) : ISocketNamespaceHandler
{
    public const string Transport = "socket.io";

    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(30);

    public async ValueTask<SocketConnectResult> AuthorizeAsync(SocketConnectRequest request)
    {
        var token = request.Auth is { ValueKind: JsonValueKind.Object } auth && auth.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : null;
        if (token?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
        {
            token = token["Bearer ".Length..].Trim();
        }

        var principal = await tokens.ValidateAsync(token);
        Actor actor;
        try
        {
            actor = principal?.ToActor(Channel.SocketIo) ?? throw new DomainException(ErrorCodes.Unauthenticated, "Authentication failed");
        }
        catch (DomainException)
        {
            metrics.Failed(ErrorCodes.Unauthenticated);
            return SocketConnectResult.Refuse("Authentication failed", new RealtimeErrorData(ErrorCodes.Unauthenticated));
        }

        if (staffOnly && !actor.IsStaff)
        {
            metrics.Failed(ErrorCodes.Forbidden);
            return SocketConnectResult.Refuse($"The {request.Namespace} namespace is for admins and staff.", new RealtimeErrorData(ErrorCodes.Forbidden));
        }

        return await StartSessionAsync(request, actor, principal!);
    }

    /// <summary>A recoverable session: the one the handshake's <c>pid</c> names when it may be recovered, else a new one.</summary>
    private async ValueTask<SocketConnectResult> StartSessionAsync(SocketConnectRequest request, Actor actor, System.Security.Claims.ClaimsPrincipal principal)
    {
        var start = await recovery.StartAsync(request.Session, request.Namespace, actor, request.Auth);
        return start is null
            ? SocketConnectResult.Allow(new Connected(actor, principal))
            : SocketConnectResult.Allow(new Connected(actor, principal, start), start.Session.ConnectionId, start.Pid);
    }

    public async ValueTask OnConnectedAsync(SocketIOSocket socket)
    {
        var (actor, principal, start) = (Connected)socket.State!;
        var rooms = start?.Rooms ?? Rooms.For(actor);
        // Before joining: from the first room on, live events wait for the replay and never repeat what it sends.
        socket.HoldLive(start?.After ?? 0);
        foreach (var room in rooms)
        {
            socket.Join(room);
        }

        // An admin's Disconnect (the real-time page) is the server-side disconnect the Socket.IO Admin UI does: the client
        // sees "io server disconnect" and does not reconnect by itself.
        registry.Add(socket.Id, Transport, actor, rooms, new ConnectionControl(principal, reason => End(socket, reason), socket.Disconnect),
            ns: socket.Namespace.Name);
        socket.Emit(EventCatalog.Connected, new { actor.UserId, Role = actor.Role.ToLowerInvariant(), actor.CustomerId });
        _ = EndAtExpiryAsync(socket, principal);
        await ResumeAsync(socket, start);
    }

    /// <summary>
    /// The reason as an <c>error</c> event, then a server-side disconnect: socket.io-client does not reconnect by itself
    /// with a token that no longer works; the app reconnects with a fresh one (its <c>auth</c> callback).
    /// </summary>
    private static void End(SocketIOSocket socket, string reason)
    {
        if (socket.Connected)
        {
            socket.Emit(EventCatalog.Error, new RealtimeError(reason, ErrorCodes.Unauthenticated));
            socket.Disconnect();
        }
    }

    /// <summary>A session lasts as long as its token, as the hub's do (CloseOnAuthenticationExpiration).</summary>
    private static async Task EndAtExpiryAsync(SocketIOSocket socket, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (!long.TryParse(principal.FindFirst("exp")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var exp))
        {
            return;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        try
        {
            // In steps: Task.Delay takes at most ~49 days, and a self-hoster may configure longer tokens.
            for (var left = expiresAt - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = expiresAt - DateTimeOffset.UtcNow)
            {
                await Task.Delay(left < MaxDelay ? left : MaxDelay, socket.Session.Closing);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        End(socket, "Your sign-in has expired; sign in again.");
    }

    /// <summary>A recovered socket is sent what it missed first; then (for every socket) live events flow.</summary>
    private async Task ResumeAsync(SocketIOSocket socket, SessionStart? start)
    {
        if (start is null)
        {
            socket.ReleaseLive();
            return;
        }

        recovery.Attach(start, socket);
        if (start.Recovered)
        {
            await recovery.ReplayAsync(start, socket, socket.Session.Closing);
        }
        else
        {
            socket.ReleaseLive();
        }
    }

    public async ValueTask<SocketAck?> OnEventAsync(SocketIOSocket socket, SocketEvent message)
    {
        metrics.Received(message.Name, Transport);
        if (!limits.TryAcquire(socket.Id))
        {
            return Reject(socket, RealtimeError.RateLimited());
        }

        try
        {
            var payload = message.Args.Count > 0 ? message.Args[0] : (JsonElement?)null;
            var reply = await catalog.HandleAsync(((Connected)socket.State!).Actor, message.Name, payload, new Membership(socket, RoomsChanged(socket)), socket.Session.Closing, socket.Id);
            if (reply.ReplyEvent is not null)
            {
                socket.Emit(reply.ReplyEvent, reply.ReplyPayload);
            }

            return new SocketAck([reply.Result]);
        }
        catch (Exception ex)
        {
            if (ex is not DomainException)
            {
                LogEventFailed(ex, message.Name);
            }

            return Reject(socket, RealtimeError.From(ex));
        }
    }

    /// <summary>Events beyond the socket's queue are refused as a flood is: RATE_LIMITED, and nothing runs.</summary>
    public SocketAck? OnEventRefused(SocketIOSocket socket, SocketEvent message)
    {
        metrics.Received(message.Name, Transport);
        return Reject(socket, RealtimeError.RateLimited());
    }

    /// <summary>The hub's limit (Realtime:MaxMessageBytes): VALIDATION_FAILED, and the connection closes, as a hub's does.</summary>
    public SocketAck? OnEventTooLarge(SocketIOSocket socket, long bytes, long limit) => Reject(socket, new RealtimeError(
        $"The message is {bytes} bytes; a client may send at most {limit}. The connection is closed.", ErrorCodes.ValidationFailed));

    /// <summary>The <c>error</c> event, and the ack's <c>{ error: { message, code } }</c>; the connection stays up.</summary>
    private SocketAck Reject(SocketIOSocket socket, RealtimeError error)
    {
        metrics.Failed(error.Code);
        socket.Emit(EventCatalog.Error, error);
        return new SocketAck([new RealtimeFailure(error)]);
    }

    public void OnDisconnected(SocketIOSocket socket, string reason)
    {
        registry.Remove(socket.Id);
        limits.Forget(socket.Id);
        if (((Connected)socket.State!).Start is { } start)
        {
            recovery.Detach(start, socket, reason);
        }
    }

    /// <summary>A recoverable session remembers the rooms joined and left after connect, to restore them.</summary>
    private Action RoomsChanged(SocketIOSocket socket) => ((Connected)socket.State!).Start is { } start
        ? () => recovery.RoomsChanged(start, socket)
        : () => { };

    private sealed class Membership(SocketIOSocket socket, Action changed) : IRoomMembership
    {
        public Task JoinAsync(string room)
        {
            socket.Join(room);
            changed();
            return Task.CompletedTask;
        }

        public Task<bool> LeaveAsync(string room)
        {
            var left = socket.Leave(room);
            if (left)
            {
                changed();
            }

            return Task.FromResult(left);
        }
    }

    [LoggerMessage(LogLevel.Error, "Socket.IO event {Event} failed")]
    private partial void LogEventFailed(Exception ex, string @event);
}

internal sealed record Connected(Actor Actor, System.Security.Claims.ClaimsPrincipal Principal, SessionStart? Start = null);

/// <summary><c>connect_error</c>'s <c>data</c>: the stable code behind the message.</summary>
public sealed record RealtimeErrorData(string Code);
