namespace Dashboard.Realtime;

/// <summary>The <c>Realtime</c> section: limits shared by every real-time transport.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// Largest client message accepted, in bytes: a SignalR message, or a Socket.IO packet (a binary one with its
    /// attachments). Larger closes that connection.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Browser origins allowed to reach the Socket.IO endpoint (the seeds' SOCKET_CORS_ORIGINS, which is read too,
    /// comma-separated). "*" allows any origin without credentials. Apps outside a browser send no origin and need none.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];

    public SocketIOSettings SocketIO { get; set; } = new();

    public RecoverySettings Recovery { get; set; } = new();
}

/// <summary>The <c>Realtime:Recovery</c> section: Socket.IO connection state recovery.</summary>
public sealed class RecoverySettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long after a disconnect a client may still recover its session (socket.io's maxDisconnectionDuration).</summary>
    public TimeSpan MaxDisconnection { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a connected session's last-seen time is written. After a crash there is no disconnect time, so the window
    /// counts from the last-seen time: a client recovers if it is back within MaxDisconnection of the last write.
    /// </summary>
    public TimeSpan SeenInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>More events than this for the client's rooms since its offset: a fresh session (the app resyncs) instead of a flood.</summary>
    public int MaxReplayEvents { get; set; } = 2_000;
}

/// <summary>The <c>Realtime:SocketIO</c> section (defaults as the reference server's, a smaller payload).</summary>
public sealed class SocketIOSettings
{
    public int PingIntervalMs { get; set; } = 25_000;

    public int PingTimeoutMs { get; set; } = 20_000;

    /// <summary>A client that has not connected to a namespace by then is dropped.</summary>
    public int ConnectTimeoutMs { get; set; } = 45_000;

    /// <summary>How long a binary event's attachments may take to follow it (the reference server has no bound); longer closes the connection.</summary>
    public int AttachmentTimeoutMs { get; set; } = 10_000;

    /// <summary>Largest HTTP body or WebSocket message accepted (the reference server's maxHttpBufferSize); larger closes the connection.</summary>
    public int MaxPayloadBytes { get; set; } = 100_000;

    /// <summary>Frames queued for one client before it counts as too slow and is dropped (it reconnects and recovers).</summary>
    public int OutboxCapacity { get; set; } = 4096;
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained client → server messages per second per connection.</summary>
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>How many messages a connection may send at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 40;
}
