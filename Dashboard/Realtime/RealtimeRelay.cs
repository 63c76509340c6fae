using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;

namespace Dashboard.Realtime;

/// <summary>
/// Carries committed log entries, in position order, and today's coalesced stats to one transport's rooms. Each transport
/// subclasses it with its own delivery; no transport knows of another. A relay that falls behind the aggregator catches
/// up from the durable log, so no event is skipped for its clients.
/// </summary>
public abstract partial class RealtimeRelay(
    IEventAggregator events, EventLogReader log, LiveStats stats, BusinessClock clock, RealtimeMetrics metrics, ILogger logger,
    LiveMessages? live = null)
    : IHostedService
{
    private readonly Lock _gate = new();
    private IDisposable? _events;
    private IDisposable? _stats;
    private IDisposable? _live;
    private DateOnly _statsDay;
    private long _delivered;

    protected abstract string Transport { get; }

    /// <summary>
    /// The position of the last event this relay handed to its transport. A connection that joins its rooms before reading
    /// this receives every later event live: the relay delivers in position order, after this moves.
    /// </summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Sends one logged event (payload already serialized) to every connection in any of its rooms.</summary>
    protected abstract Task DeliverAsync(LoggedEvent e);

    /// <summary>Sends a message that is not in the log (the coalesced stats, <see cref="LiveMessages"/>) to every connection in any of the rooms.</summary>
    protected abstract Task DeliverAsync(string name, object payload, IReadOnlyList<string> rooms);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _delivered, events.LastPublished);
        _events = events.SubscribeCommitted(RelayAsync, CatchUpAsync);
        _live = live?.Subscribe(m => SendAsync(m.Event, m.Payload, m.Rooms));
        WatchToday();
        return Task.CompletedTask;
    }

    public virtual Task StopAsync(CancellationToken cancellationToken)
    {
        _events?.Dispose();
        _live?.Dispose();
        lock (_gate)
        {
            _stats?.Dispose();
        }

        return Task.CompletedTask;
    }

    private async Task RelayAsync(CommittedEvent e)
    {
        WatchToday();
        await RelayAsync(e.Log);
    }

    private async Task RelayAsync(LoggedEvent e)
    {
        if (e.Position <= _delivered)
        {
            return; // already sent while catching up
        }

        Volatile.Write(ref _delivered, e.Position);
        if (e.Rooms.Count == 0)
        {
            return;
        }

        try
        {
            await DeliverAsync(e);
            metrics.Published(e.Name, Transport);
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex, e.Name, Transport);
        }
    }

    /// <summary>The aggregator dropped this relay's queue: send what the log holds since the last event sent.</summary>
    private async Task CatchUpAsync()
    {
        while (true)
        {
            var page = await log.ReadAfterAsync(_delivered, null, 1_000);
            foreach (var e in page.Events)
            {
                await RelayAsync(e);
            }

            if (page.Complete)
            {
                return;
            }
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
            _stats = stats.Watch(today, figures => SendAsync(Dashboard.Stats.StatsRealtime.Updated, figures, Rooms.Staff));
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
