using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Events;
using Dashboard.Realtime.SocketIO.Engine;

namespace Dashboard.Realtime.SocketIO.Recovery;

/// <summary>
/// One recoverable Socket.IO session as this process knows it: whose it is, its connection id and rooms, where its stream
/// starts, and the socket it is live on (none while disconnected). Guarded by its own lock.
/// </summary>
public sealed class RecoverableSession
{
    private readonly HashSet<string> _rooms = new(StringComparer.Ordinal);

    internal RecoverableSession(string key, string ns, string userId, string connectionId, long startPosition, DateTime connectedAt)
    {
        Key = key;
        Namespace = ns;
        UserId = userId;
        ConnectionId = connectionId;
        StartPosition = startPosition;
        ConnectedAt = connectedAt;
        LastSeenAt = connectedAt;
    }

    /// <summary>The SHA-256 of the private id: what the table and this process's map are keyed by.</summary>
    public string Key { get; }

    public string Namespace { get; }

    public string UserId { get; }

    public string ConnectionId { get; }

    public long StartPosition { get; }

    public DateTime ConnectedAt { get; }

    internal Lock Gate { get; } = new();

    internal DateTime LastSeenAt { get; set; }

    internal DateTime? DisconnectedAt { get; set; }

    internal SocketIOSocket? Socket { get; set; }

    /// <summary>The Engine.IO session recovering this one, between its CONNECT and its socket's start.</summary>
    internal EngineSession? Claimant { get; set; }

    /// <summary>When the client went away: the disconnect, or after a crash the last time the session was seen.</summary>
    internal DateTime GoneSince => DisconnectedAt ?? LastSeenAt;

    internal IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (Gate)
            {
                return [.. _rooms];
            }
        }
    }

    internal void SetRooms(IEnumerable<string> rooms)
    {
        lock (Gate)
        {
            _rooms.Clear();
            _rooms.UnionWith(rooms);
        }
    }

    public static string KeyOf(string pid) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pid)));

    /// <summary>144 random bits, URL-safe.</summary>
    public static string NewPid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    internal RealtimeSessionEntity ToEntity()
    {
        lock (Gate)
        {
            return new RealtimeSessionEntity
            {
                Id = Key, Namespace = Namespace, UserId = UserId, ConnectionId = ConnectionId, Rooms = JsonSerializer.Serialize(_rooms.Order(StringComparer.Ordinal)),
                StartPosition = StartPosition, ConnectedAt = ConnectedAt, LastSeenAt = LastSeenAt, DisconnectedAt = DisconnectedAt,
            };
        }
    }

    internal static RecoverableSession FromEntity(RealtimeSessionEntity row)
    {
        var session = new RecoverableSession(row.Id, row.Namespace, row.UserId, row.ConnectionId, row.StartPosition, row.ConnectedAt)
        {
            LastSeenAt = row.LastSeenAt,
            DisconnectedAt = row.DisconnectedAt,
        };
        session.SetRooms(JsonSerializer.Deserialize<string[]>(row.Rooms) ?? []);
        return session;
    }
}

/// <summary>
/// What a CONNECT starts: a session (fresh or recovered), the rooms to join, the position its stream resumes after, and —
/// when recovered — the first events it missed, read before the CONNECT answer (handed out once: the socket's state
/// keeps this for its lifetime, the events need not stay).
/// </summary>
public sealed class SessionStart(
    RecoverableSession session, string pid, bool recovered, IReadOnlyList<string> rooms, long after, IReadOnlyList<LoggedEvent> missed)
{
    private IReadOnlyList<LoggedEvent>? _missed = missed;

    public RecoverableSession Session => session;

    public string Pid => pid;

    public bool Recovered => recovered;

    public IReadOnlyList<string> Rooms => rooms;

    public long After => after;

    internal IReadOnlyList<LoggedEvent> TakeMissed() => Interlocked.Exchange(ref _missed, null) ?? [];
}
