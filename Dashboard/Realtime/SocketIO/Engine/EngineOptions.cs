namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>Engine.IO settings announced in the handshake and enforced on every session.</summary>
public sealed class EngineOptions
{
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest HTTP body or WebSocket message accepted, and the most a long-polling response carries.</summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>Frames queued for one client before it counts as too slow and is disconnected (it will reconnect).</summary>
    public int OutboxCapacity { get; set; } = 4096;

    /// <summary>How long a client has to finish the polling → WebSocket upgrade once it sent its probe.</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>What rides on top of Engine.IO (Socket.IO, or the conformance host's echo): told of every session's life.</summary>
public interface IEngineHandler
{
    void OnOpen(EngineSession session);

    /// <summary>Messages of one session arrive one at a time, in order.</summary>
    ValueTask OnMessageAsync(EngineSession session, EnginePacket message);

    void OnClose(EngineSession session, string reason);
}

/// <summary>What the client's HTTP request said when the session opened (Socket.IO reports it as the handshake).</summary>
public sealed record EngineHandshake(string Transport, string? RemoteAddress, string? Origin, string? UserAgent, DateTime OpenedAt);
