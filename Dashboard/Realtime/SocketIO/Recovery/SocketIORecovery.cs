using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Dashboard.Realtime.SocketIO.Engine;
using Dashboard.Realtime.SocketIO.Protocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime.SocketIO.Recovery;

/// <summary>
/// Socket.IO connection state recovery (socket.io 4.6+'s, over the durable event log): a client reconnecting with its
/// <c>pid</c> and <c>offset</c> within <see cref="RecoverySettings.MaxDisconnection"/> keeps its socket id and rooms and
/// is replayed, in order and once, every logged event after its offset that its rooms may see, before any live one.
/// </summary>
/// <remarks>
/// Sessions live in this process's map and in the RealtimeSessions table, so that recovery also works after a restart
/// (or a crash: then the window counts from the session's last-seen time, written every SeenInterval). Table writes take
/// their turn in the <see cref="DomainWriter"/>, SQLite's single writer, and are not awaited by the socket: each writes
/// the session's state as it is when the write runs, so writes queued in any order still leave the latest state.
/// </remarks>
public sealed partial class SocketIORecovery(
    IOptions<RealtimeOptions> options, IDbContextFactory<DashboardDbContext> contexts, DomainWriter writer, EventLogReader log,
    IEventAggregator events, TimeProvider time, RealtimeMetrics metrics, ILogger<SocketIORecovery> logger) : BackgroundService
{
    private const int MaxPidLength = 64;
    private const int ReplayPage = 500;
    private readonly ConcurrentDictionary<string, RecoverableSession> _sessions = new(StringComparer.Ordinal);
    private long _logEndAtStart = -1;

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

    private async Task<SessionStart> FreshAsync(string ns, Actor actor)
    {
        var pid = RecoverableSession.NewPid();
        var after = Math.Max(events.LastPublished, await LogEndAtStartAsync());
        var session = new RecoverableSession(RecoverableSession.KeyOf(pid), ns, actor.UserId, SocketIOSocket.NewId(), after, Now);
        return new SessionStart(session, pid, recovered: false, Realtime.Rooms.For(actor), after, []);
    }

    private async Task<(SessionStart? Start, string Outcome)> TryRecoverAsync(EngineSession engine, string ns, Actor actor, string pid, long? offset)
    {
        var key = RecoverableSession.KeyOf(pid);
        var session = await FindAsync(key);
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
        _sessions[key] = session;
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
        _sessions[session.Key] = session;
        Save(session);
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
                replayed += socket.Replay(e.Position, SocketCodec.LoggedEventArray(e.Name, e.Payload, e.Position)) ? 1 : 0;
                last = e.Position;
            }

            var rooms = socket.Rooms.ToHashSet(StringComparer.Ordinal);
            while (true)
            {
                var page = await log.ReadAfterAsync(last, rooms, ReplayPage, ct);
                foreach (var e in page.Events)
                {
                    replayed += socket.Replay(e.Position, SocketCodec.LoggedEventArray(e.Name, e.Payload, e.Position)) ? 1 : 0;
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
            Save(start.Session);
        }
    }

    public void Detach(SessionStart start, SocketIOSocket socket)
    {
        var session = start.Session;
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

        Save(session);
    }

    /// <summary>Keeps connected sessions' last-seen time current, and forgets sessions past their window.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Settings.SeenInterval < Settings.MaxDisconnection / 2 ? Settings.SeenInterval : Settings.MaxDisconnection / 2;
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct = default)
    {
        var now = Now;
        var cutoff = now - Settings.MaxDisconnection;
        var live = new List<string>();
        foreach (var (key, session) in _sessions)
        {
            lock (session.Gate)
            {
                if (session.Socket is not null)
                {
                    session.LastSeenAt = now;
                    live.Add(key);
                }
                else if (session.GoneSince < cutoff && session.Claimant is not { IsOpen: true })
                {
                    _sessions.TryRemove(new KeyValuePair<string, RecoverableSession>(key, session));
                }
            }
        }

        await writer.MaintainAsync(async db =>
        {
            foreach (var chunk in live.Chunk(500))
            {
                await db.RealtimeSessions.Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            }

            await db.RealtimeSessions.Where(s => (s.DisconnectedAt ?? s.LastSeenAt) < cutoff).ExecuteDeleteAsync(ct);
        }, ct);
    }

    /// <summary>
    /// The log's end when this process started: a fresh session's stream starts after the last event published, which
    /// just after a restart is none yet — not position 0, or a client recovering with no offset would be sent the log.
    /// </summary>
    private async Task<long> LogEndAtStartAsync()
    {
        if (Interlocked.Read(ref _logEndAtStart) is var known and >= 0)
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync();
        var end = await db.EventLog.MaxAsync(e => (long?)e.Position) ?? 0;
        Interlocked.Exchange(ref _logEndAtStart, end);
        return end;
    }

    /// <summary>
    /// This process's session, unless it is detached here and the table holds a later state of it (another instance had
    /// it since); after a restart, the table's.
    /// </summary>
    private async Task<RecoverableSession?> FindAsync(string key)
    {
        var known = _sessions.GetValueOrDefault(key);
        if (known is not null)
        {
            lock (known.Gate)
            {
                if (known.Socket is not null || known.Claimant is { IsOpen: true })
                {
                    return known;
                }
            }
        }

        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.RealtimeSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (row is null || (known is not null && (row.DisconnectedAt ?? row.LastSeenAt) <= known.GoneSince))
        {
            return known;
        }

        var loaded = RecoverableSession.FromEntity(row);
        return known is null ? _sessions.GetOrAdd(key, loaded) : _sessions.TryUpdate(key, loaded, known) ? loaded : _sessions.GetValueOrDefault(key);
    }

    private void Save(RecoverableSession session)
    {
        try
        {
            writer.MaintainAsync(async db =>
            {
                var now = session.ToEntity();
                var row = await db.RealtimeSessions.FindAsync(now.Id);
                if (row is null)
                {
                    db.RealtimeSessions.Add(now);
                }
                else
                {
                    db.Entry(row).CurrentValues.SetValues(now);
                }
            }).ContinueWith(t => LogSaveFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the last-seen time already written stands in for the disconnect time.
        }
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

    [LoggerMessage(LogLevel.Warning, "Writing a real-time session failed; its recovery falls back to the last state written")]
    private partial void LogSaveFailed(Exception ex);

    [LoggerMessage(LogLevel.Error, "Replaying the event log to Socket.IO socket {Sid} failed; its session is closed")]
    private partial void LogReplayFailed(Exception ex, string sid);

    [LoggerMessage(LogLevel.Warning, "Sweeping real-time sessions failed; it will be tried again")]
    private partial void LogSweepFailed(Exception ex);
}
