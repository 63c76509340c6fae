using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Realtime.SocketIO.Engine;
using Dashboard.Realtime.SocketIO.Protocol;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime.SocketIO.Recovery;

/// <summary>
/// Socket.IO connection state recovery (socket.io 4.6+'s, over the durable event log): a client reconnecting with its
/// <c>pid</c> and <c>offset</c> within <see cref="RecoverySettings.MaxDisconnection"/> keeps its socket id and rooms and
/// is replayed, in order and once, every logged event after its offset that its rooms may see, before any live one.
/// </summary>
/// <remarks>Sessions are kept by <see cref="RecoverableSessions"/>, also across restarts.</remarks>
public sealed partial class SocketIORecovery(
    IOptions<RealtimeOptions> options, RecoverableSessions sessions, EventLogReader log, IEventAggregator events, TimeProvider time,
    RealtimeCatalog catalog, RealtimeMetrics metrics, ILogger<SocketIORecovery> logger)
{
    private const int MaxPidLength = 64;
    private const int ReplayPage = 500;

    private RecoverySettings Settings => options.Value.Recovery;

    public bool Enabled => Settings.Enabled;

    /// <summary>
    /// Decides a CONNECT's session: the one its <c>auth.pid</c> names when it may be recovered, else a fresh one (the
    /// outcome is counted either way). Null when recovery is off.
    /// </summary>
    public async Task<SessionStart?> StartAsync(EngineSession engine, string ns, Actor actor, JsonElement? auth)
    {
        if (!Enabled)
        {
            return null;
        }

        if (ReadPid(auth) is not { } pid)
        {
            return await FreshAsync(ns, actor);
        }

        var (start, outcome) = TryReadOffset(auth, out var offset)
            ? await TryRecoverAsync(engine, ns, actor, pid, offset)
            : (null, "bad-offset");
        metrics.Recovery(outcome);
        if (start is null)
        {
            LogNotRecovered(ns, actor.UserId, outcome);
        }

        return start ?? await FreshAsync(ns, actor);
    }

    // A fresh stream starts after the last event published; just after a restart that is the log's end, which the
    // database initializer hands the aggregator before anyone connects (not 0: a client with no offset would get the log).
    private Task<SessionStart> FreshAsync(string ns, Actor actor)
    {
        var pid = RecoverableSession.NewPid();
        var after = events.LastPublished;
        var session = new RecoverableSession(RecoverableSession.KeyOf(pid), ns, actor.UserId, SocketIOSocket.NewId(), after, Now);
        return Task.FromResult(new SessionStart(session, pid, recovered: false, Realtime.Rooms.For(actor), after, []));
    }

    private async Task<(SessionStart? Start, string Outcome)> TryRecoverAsync(EngineSession engine, string ns, Actor actor, string pid, long? offset)
    {
        var key = RecoverableSession.KeyOf(pid);
        var session = await sessions.FindAsync(key);
        if (session is null)
        {
            return (null, "unknown");
        }

        // The pid is a bearer secret, but not enough alone: it must come with a token of the same user.
        if (session.UserId != actor.UserId || session.Namespace != ns)
        {
            return (null, "other-user");
        }

        SocketIOSocket? superseded;
        lock (session.Gate)
        {
            if (session.Claimant is { IsOpen: true } other && other != engine)
            {
                return (null, "in-use");
            }

            superseded = session.Socket is { Connected: true } live ? live : null;
            if (superseded is null && Now - session.GoneSince > Settings.MaxDisconnection)
            {
                return (null, "expired");
            }
        }

        // The client never got an event of this session (no offset), or names one before it began: replay from its start.
        var after = Math.Max(offset ?? session.StartPosition, session.StartPosition);
        if (!await log.CoversAsync(after))
        {
            return (null, "not-covered");
        }

        var rooms = Realtime.Rooms.For(actor).Union(session.Rooms.Where(r => Realtime.Rooms.MayJoin(actor, r)), StringComparer.Ordinal).ToList();
        var missed = await log.ReadAfterAsync(after, rooms.ToHashSet(StringComparer.Ordinal), Settings.MaxReplayEvents);
        if (!missed.Complete)
        {
            return (null, "too-many");
        }

        lock (session.Gate)
        {
            if (session.Claimant is { IsOpen: true } other && other != engine)
            {
                return (null, "in-use");
            }

            session.Claimant = engine;
        }

        // The client is back before the server noticed it gone (a half-open transport): the new socket takes over.
        superseded?.Disconnect();
        sessions.Remember(session);
        return (new SessionStart(session, pid, recovered: true, rooms, after, missed.Events), "recovered");
    }

    /// <summary>The socket is in its rooms and about to start: the session is live on it (and written so).</summary>
    public void Attach(SessionStart start, SocketIOSocket socket)
    {
        var session = start.Session;
        lock (session.Gate)
        {
            session.Socket = socket;
            session.Claimant = null;
            session.DisconnectedAt = null;
            session.LastSeenAt = Now;
        }

        session.SetRooms(socket.Rooms);
        sessions.Remember(session);
        sessions.Save(session);
    }

    /// <summary>
    /// Sends a recovered socket what it missed — the events read at CONNECT, then whatever the log gained since, read after
    /// the socket joined its rooms so that every later event also reaches it live — and lets its held live events follow.
    /// Each is sent at most once: the socket skips positions it already has.
    /// </summary>
    public async Task ReplayAsync(SessionStart start, SocketIOSocket socket, CancellationToken ct)
    {
        try
        {
            var replayed = 0;
            var last = start.After;
            foreach (var e in start.TakeMissed())
            {
                replayed += socket.Replay(e.Position, SocketCodec.LoggedEventArrays(catalog.WireNames(e.Name), e.Payload, e.Position)) ? 1 : 0;
                last = e.Position;
            }

            var rooms = socket.Rooms.ToHashSet(StringComparer.Ordinal);
            while (true)
            {
                var page = await log.ReadAfterAsync(last, rooms, ReplayPage, ct);
                foreach (var e in page.Events)
                {
                    replayed += socket.Replay(e.Position, SocketCodec.LoggedEventArrays(catalog.WireNames(e.Name), e.Payload, e.Position)) ? 1 : 0;
                    last = e.Position;
                }

                if (page.Complete)
                {
                    break;
                }
            }

            metrics.Replayed(replayed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left mid-replay; its offset says how far it got.
        }
        catch (Exception ex)
        {
            // Live events must not flow past a hole: the client reconnects and recovers from the offset it reached.
            LogReplayFailed(ex, socket.Id);
            socket.Session.Close("recovery failed");
        }
        finally
        {
            socket.ReleaseLive();
        }
    }

    /// <summary>The socket joined or left a room: the session remembers it for its next recovery.</summary>
    public void RoomsChanged(SessionStart start, SocketIOSocket socket)
    {
        if (start.Session.Socket == socket)
        {
            start.Session.SetRooms(socket.Rooms);
            sessions.Save(start.Session);
        }
    }

    /// <remarks>
    /// As socket.io does, only a lost connection can be recovered: a namespace disconnect by the server (a revoked or
    /// expired sign-in) or by the client ends the session, and the next connection is a fresh one.
    /// </remarks>
    public void Detach(SessionStart start, SocketIOSocket socket, string reason)
    {
        var session = start.Session;
        if (reason is SocketIOConnection.ServerDisconnect or SocketIOConnection.ClientDisconnect)
        {
            lock (session.Gate)
            {
                if (session.Socket != socket)
                {
                    return;
                }

                session.Socket = null;
            }

            sessions.Forget(session);
            return;
        }

        lock (session.Gate)
        {
            if (session.Socket != socket)
            {
                return; // not live on it (never started, or already taken over)
            }

            session.Socket = null;
            session.DisconnectedAt = Now;
            session.LastSeenAt = Now;
        }

        sessions.Save(session);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string? ReadPid(JsonElement? auth) =>
        auth is { ValueKind: JsonValueKind.Object } a && a.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.String
            && p.GetString() is { Length: > 0 and <= MaxPidLength } pid
            ? pid
            : null;

    /// <summary>
    /// The client's last offset: the log position it last received, as the string it got it as; none when it received no
    /// logged event yet (socket.io-client then sends none). False when there is one and it is no position.
    /// </summary>
    private static bool TryReadOffset(JsonElement? auth, out long? offset)
    {
        offset = null;
        if (auth is not { ValueKind: JsonValueKind.Object } a || !a.TryGetProperty("offset", out var o) || o.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (o.ValueKind == JsonValueKind.String && long.TryParse(o.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            offset = n;
            return true;
        }

        return false;
    }

    [LoggerMessage(LogLevel.Debug, "Socket.IO session of {UserId} on {Namespace} not recovered ({Outcome}); a fresh one starts")]
    private partial void LogNotRecovered(string @namespace, string userId, string outcome);

    [LoggerMessage(LogLevel.Error, "Replaying the event log to Socket.IO socket {Sid} failed; its session is closed")]
    private partial void LogReplayFailed(Exception ex, string sid);
}
