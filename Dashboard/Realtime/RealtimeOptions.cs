namespace Dashboard.Realtime;

/// <summary>The <c>Realtime</c> section: limits shared by every real-time transport.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Largest client message accepted, in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained client → server messages per second per connection.</summary>
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>How many messages a connection may send at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 40;
}
