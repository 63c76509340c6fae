using System.Threading.Channels;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Payments;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Stats;

/// <summary>
/// Today's (or any watched day's) figures, recomputed once per window however many writes arrive and however many
/// pages or connections watch them. Everything live that shows stats subscribes here, not to the raw events.
/// </summary>
public sealed class LiveStats : IDisposable
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(250);

    private readonly StatsService _stats;
    private readonly ILogger<LiveStats> _logger;
    private readonly TimeSpan _window;
    private readonly IDisposable _subscription;
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _recomputes;

    public LiveStats(IEventAggregator events, StatsService stats, ILogger<LiveStats> logger, TimeSpan? window = null)
    {
        _stats = stats;
        _logger = logger;
        _window = window ?? DefaultWindow;
        _subscription = events.Subscribe<IDomainEvent>(e =>
        {
            if (e is DeliveryChanged or PaymentAdded or CustomerChanged or DaySheetGenerated)
            {
                _dirty.Writer.TryWrite(true);
            }

            return Task.CompletedTask;
        }, () =>
        {
            _dirty.Writer.TryWrite(true); // fallen behind: recompute rather than guess what was missed
            return Task.CompletedTask;
        });
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>How many times figures were recomputed since start (one per watched day per window at most).</summary>
    public long Recomputes => Interlocked.Read(ref _recomputes);

    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public IDisposable Watch(DateOnly date, Func<ReportStats, Task> onChanged)
    {
        var watcher = new Watcher(this, date, onChanged);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        return watcher;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _stop.Cancel();
        // The loop observes the cancellation; dispose the source only once it no longer reads it.
        if (_loop.Wait(TimeSpan.FromSeconds(5)))
        {
            _stop.Dispose();
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (await _dirty.Reader.WaitToReadAsync(_stop.Token))
            {
                await Task.Delay(_window, _stop.Token);
                _dirty.Reader.TryRead(out _);
                await RecomputeAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RecomputeAsync()
    {
        Watcher[] watchers;
        lock (_gate)
        {
            watchers = [.. _watchers];
        }

        foreach (var group in watchers.GroupBy(w => w.Date))
        {
            try
            {
                var figures = await _stats.ComputeAsync(group.Key, _stop.Token);
                Interlocked.Increment(ref _recomputes);
                foreach (var w in group)
                {
                    _ = w.NotifyAsync(figures);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Recomputing the figures for {Date} failed", group.Key);
            }
        }
    }

    private void Remove(Watcher watcher)
    {
        lock (_gate)
        {
            _watchers.Remove(watcher);
        }
    }

    private sealed class Watcher(LiveStats owner, DateOnly date, Func<ReportStats, Task> onChanged) : IDisposable
    {
        private int _disposed;

        public DateOnly Date { get; } = date;

        public async Task NotifyAsync(ReportStats figures)
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }

            try
            {
                await onChanged(figures);
            }
            catch (Exception ex)
            {
                owner._logger.LogError(ex, "A stats watcher failed");
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
