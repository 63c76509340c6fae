using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime.SignalR;

/// <summary>Domain events to hub groups.</summary>
public sealed class SignalRRelay(
    IEventAggregator events, LiveStats stats, BusinessClock clock, IHubContext<LiveHub> hub, RealtimeMetrics metrics, ILogger<SignalRRelay> logger)
    : RealtimeRelay(events, stats, clock, metrics, logger)
{
    protected override string Transport => LiveHub.Transport;

    protected override Task DeliverAsync(string name, object payload, IReadOnlyList<string> rooms) =>
        hub.Clients.Groups(rooms).SendAsync(name, payload);
}
