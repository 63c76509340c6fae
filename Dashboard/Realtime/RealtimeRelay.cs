using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;

namespace Dashboard.Realtime;

/// <summary>
/// Carries committed domain events (through <see cref="EventCatalog"/>) and today's coalesced stats to one transport's
/// rooms. Each transport subclasses it with its own delivery; no transport knows of another.
/// </summary>
public abstract partial class RealtimeRelay(IEventAggregator events, LiveStats stats, BusinessClock clock, RealtimeMetrics metrics, ILogger logger)
    : IHostedService
{
    private readonly Lock _gate = new();
    private IDisposable? _events;
    private IDisposable? _stats;
    private DateOnly _statsDay;

    protected abstract string Transport { get; }

    /// <summary>Sends one message to every connection in any of the rooms.</summary>
    protected abstract Task DeliverAsync(string name, object payload, IReadOnlyList<string> rooms);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _events = events.Subscribe<IDomainEvent>(RelayAsync);
        WatchToday();
        return Task.CompletedTask;
    }

    public virtual Task StopAsync(CancellationToken cancellationToken)
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
            await DeliverAsync(name, payload, rooms);
            metrics.Published(name, Transport);
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex, name, Transport);
        }
    }

    [LoggerMessage(LogLevel.Error, "Relaying {Event} to {Transport} clients failed")]
    private partial void LogRelayFailed(Exception ex, string @event, string transport);
}
