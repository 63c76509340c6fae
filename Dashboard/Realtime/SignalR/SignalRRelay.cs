using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime.SignalR;

/// <summary>Carries committed domain events (and coalesced stats) to hub groups. Knows nothing of other transports.</summary>
public sealed class SignalRRelay(
    IEventAggregator events, LiveStats stats, BusinessClock clock, IHubContext<LiveHub> hub, RealtimeMetrics metrics, ILogger<SignalRRelay> logger)
    : IHostedService
{
    private readonly Lock _gate = new();
    private IDisposable? _events;
    private IDisposable? _stats;
    private DateOnly _statsDay;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _events = events.Subscribe<IDomainEvent>(RelayAsync);
        WatchToday();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _events?.Dispose();
        lock (_gate)
        {
            _stats?.Dispose();
        }

        return Task.CompletedTask;
    }

    private async Task RelayAsync(IDomainEvent e)
    {
        WatchToday();
        foreach (var message in EventCatalog.Map(e))
        {
            await SendAsync(message.Event, message.Payload, message.Rooms);
        }
    }

    /// <summary>Staff see today's figures; when the business's day changes, follow the new day.</summary>
    private void WatchToday()
    {
        var today = clock.Today;
        lock (_gate)
        {
            if (_stats is not null && _statsDay == today)
            {
                return;
            }

            _stats?.Dispose();
            _statsDay = today;
            _stats = stats.Watch(today, figures => SendAsync(EventCatalog.StatsUpdated, figures, Rooms.Staff));
        }
    }

    private async Task SendAsync(string name, object payload, IReadOnlyList<string> rooms)
    {
        try
        {
            await hub.Clients.Groups(rooms).SendAsync(name, payload);
            metrics.Published(name);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Relaying {Event} to hub clients failed", name);
        }
    }
}
