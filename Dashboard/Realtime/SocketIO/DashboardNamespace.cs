using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime.SocketIO;

/// <summary>
/// The apps' Socket.IO namespaces (<c>/</c>, and <c>/admin</c> for Admin and Staff): a thin adapter like the SignalR
/// hub — identity from the handshake token, rooms and catalog from the real-time core, every write through the domain.
/// </summary>
public sealed partial class DashboardNamespace(
    bool staffOnly, TokenService tokens, RealtimeCommands commands, ConnectionRegistry registry, ConnectionRateLimits limits,
    RealtimeMetrics metrics, ILogger<DashboardNamespace> logger) : ISocketNamespaceHandler
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

        return SocketConnectResult.Allow(new Connected(actor, principal!));
    }

    public ValueTask OnConnectedAsync(SocketIOSocket socket)
    {
        var (actor, principal) = (Connected)socket.State!;
        var rooms = Rooms.For(actor);
        foreach (var room in rooms)
        {
            socket.Join(room);
        }

        registry.Add(socket.Id, Transport, actor, rooms, new ConnectionControl(principal, reason => End(socket, reason)));
        socket.Emit(EventCatalog.Connected, new { actor.UserId, Role = actor.Role.ToLowerInvariant(), actor.CustomerId });
        _ = EndAtExpiryAsync(socket, principal);
        return ValueTask.CompletedTask;
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
            var reply = await commands.HandleAsync(((Connected)socket.State!).Actor, message.Name, payload, new Membership(socket), socket.Session.Closing);
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
    }

    private sealed class Membership(SocketIOSocket socket) : IRoomMembership
    {
        public Task JoinAsync(string room)
        {
            socket.Join(room);
            return Task.CompletedTask;
        }

        public Task<bool> LeaveAsync(string room) => Task.FromResult(socket.Leave(room));
    }

    [LoggerMessage(LogLevel.Error, "Socket.IO event {Event} failed")]
    private partial void LogEventFailed(Exception ex, string @event);
}

internal sealed record Connected(Actor Actor, System.Security.Claims.ClaimsPrincipal Principal);

/// <summary><c>connect_error</c>'s <c>data</c>: the stable code behind the message.</summary>
public sealed record RealtimeErrorData(string Code);
