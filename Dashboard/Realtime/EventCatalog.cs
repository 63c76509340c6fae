using Dashboard.Domain.Events;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime;

/// <summary>One server → client message and the rooms that may see it.</summary>
public sealed record Outbound(string Event, object Payload, IReadOnlyList<string> Rooms);

/// <summary>
/// The real-time core's own server → client names. Business events are declared by their features
/// (<see cref="IRealtimeFeature"/>): who receives what is decided there, with <see cref="Rooms"/>.
/// </summary>
public static class EventCatalog
{
    public const string Connected = "connected";
    public const string Pong = "pong";
    public const string Registered = "registered";
    public const string Error = "error";
}

/// <summary>
/// The catalog as the event log stores it: each domain event's wire name, its payload serialized once with the hubs'
/// JSON settings (what both transports send, byte for byte), and its rooms. Internal events are logged for no room.
/// </summary>
public sealed class CatalogEventDescriber(RealtimeCatalog catalog, IOptions<JsonHubProtocolOptions> json) : IEventDescriber
{
    private readonly JsonSerializerOptions _json = json.Value.PayloadSerializerOptions;

    public WireEvent Describe(IDomainEvent e) => catalog.Map(e) is { } message
        ? new WireEvent(message.Event, JsonSerializer.Serialize(message.Payload, message.Payload.GetType(), _json), message.Rooms)
        : new WireEvent("internal:" + e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), _json), []);
}
