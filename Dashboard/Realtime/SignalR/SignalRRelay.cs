using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime.SignalR;

/// <summary>
/// Logged events to hub groups: the payload as logged, then the event's log position as a second argument (what a client
/// passes to <c>events:since</c> after a gap; handlers that take one argument ignore it), under each of its catalog names.
/// </summary>
public sealed class SignalRRelay(
    IEventAggregator events, EventLogReader log, LiveStats stats, BusinessClock clock, IHubContext<LiveHub> hub, RealtimeCatalog catalog, RealtimeMetrics metrics,
    ILogger<SignalRRelay> logger, LiveMessages live)
    : RealtimeRelay(events, log, stats, clock, metrics, logger, live)
{
    protected override string Transport => LiveHub.Transport;

    protected override async Task DeliverAsync(LoggedEvent e)
    {
        // Parsed once per event; SignalR writes the element back verbatim and serializes once per protocol for the group.
        using var payload = JsonDocument.Parse(e.Payload);
        var element = payload.RootElement.Clone();
        foreach (var name in catalog.WireNames(e.Name))
        {
            await hub.Clients.Groups(e.Rooms).SendAsync(name, element, e.Position);
        }
    }

    protected override Task DeliverAsync(string name, object payload, IReadOnlyList<string> rooms) =>
        hub.Clients.Groups(rooms).SendAsync(name, payload);
}
