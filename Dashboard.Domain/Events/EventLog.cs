namespace Dashboard.Domain.Events;

/// <summary>
/// One row of the durable event log: written in the same transaction as the rows its write changed, at a gapless,
/// increasing position. The payload is stored exactly as the transports send it, with the rooms that may receive it.
/// </summary>
public sealed class EventLogEntry
{
    public long Position { get; set; }

    public DateTime At { get; set; }

    public string Name { get; set; } = "";

    public string Payload { get; set; } = "";

    /// <summary>The audience, as a JSON array of room names; empty for events no client receives.</summary>
    public string Rooms { get; set; } = "[]";

    public LoggedEvent ToModel() => new(Position, At, Name, Payload, System.Text.Json.JsonSerializer.Deserialize<string[]>(Rooms) ?? []);
}

/// <summary>A committed log entry as the transports and recovery see it.</summary>
public sealed record LoggedEvent(long Position, DateTime At, string Name, string Payload, IReadOnlyList<string> Rooms)
{
    /// <summary>Whether a connection in <paramref name="rooms"/> may receive this event.</summary>
    public bool IsFor(IReadOnlySet<string> rooms)
    {
        foreach (var room in Rooms)
        {
            if (rooms.Contains(room))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A domain event as published after its commit: the typed event for pages, its log entry for transports.</summary>
public sealed record CommittedEvent(IDomainEvent Event, LoggedEvent Log)
{
    public long Position => Log.Position;
}

/// <summary>The wire form of a domain event: its name, its payload serialized once, and who may receive it.</summary>
public sealed record WireEvent(string Name, string Payload, IReadOnlyList<string> Rooms);

/// <summary>
/// Turns a domain event into what the log stores and the transports send. The web host supplies the real catalog; the
/// domain alone logs every event under its type name, for no client.
/// </summary>
public interface IEventDescriber
{
    WireEvent Describe(IDomainEvent e);
}

internal sealed class InternalEventDescriber : IEventDescriber
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public WireEvent Describe(IDomainEvent e) => new(e.GetType().Name, System.Text.Json.JsonSerializer.Serialize(e, e.GetType(), Json), []);
}

/// <summary><c>Realtime:EventLog</c>: how long the log keeps events (recovery cannot reach further back).</summary>
public sealed class EventLogOptions
{
    public const string Section = "Realtime:EventLog";

    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The log never holds more rows than this, whatever their age.</summary>
    public int MaxRows { get; set; } = 1_000_000;

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Events that only matter for a moment (an agent's position: the next one replaces it), kept for
    /// <see cref="TransientRetention"/> only, so a stream of them never pushes business events out of the log.
    /// </summary>
    public HashSet<string> TransientEvents { get; } = new(StringComparer.Ordinal);

    public TimeSpan TransientRetention { get; set; } = TimeSpan.FromMinutes(5);
}
