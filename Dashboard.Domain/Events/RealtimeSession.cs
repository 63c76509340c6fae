namespace Dashboard.Domain.Events;

/// <summary>
/// A real-time client's recoverable session, kept so that a client reconnecting with its private id is given back its
/// connection id and rooms and replayed what it missed from the event log — also after a restart.
/// </summary>
public sealed class RealtimeSessionEntity
{
    /// <summary>SHA-256 (hex) of the private session id: the database never holds the secret itself.</summary>
    public string Id { get; set; } = "";

    /// <summary>The Socket.IO namespace (a session belongs to one).</summary>
    public string Namespace { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>The connection id the client keeps when it recovers.</summary>
    public string ConnectionId { get; set; } = "";

    /// <summary>Every room the connection was in, as a JSON array.</summary>
    public string Rooms { get; set; } = "[]";

    /// <summary>The log position the session's stream starts after: it is owed events after it, never before.</summary>
    public long StartPosition { get; set; }

    public DateTime ConnectedAt { get; set; }

    /// <summary>Kept current while connected, so that after a crash (no disconnect time) the window counts from here.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? DisconnectedAt { get; set; }
}
