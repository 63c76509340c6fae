using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Events;

/// <summary>
/// In-process, typed publish/subscribe of committed events. Each subscriber owns a bounded queue drained by its own
/// loop, so a slow or throwing handler delays or loses nothing but its own deliveries, and the writer never waits for
/// handlers. Publishing takes a lock only to enqueue, so every subscriber sees events in the same (position) order.
/// A subscriber whose queue overflows is never left unaware: its queue is dropped and its gap handler runs instead.
/// </summary>
public sealed class EventAggregator(ILogger<EventAggregator> logger, IOptions<AggregatorOptions>? options = null) : IEventAggregator
{
    /// <summary>A subscriber this far behind is broken or stuck: it resyncs instead of holding ever more events.</summary>
    public const int MaxQueuedPerSubscriber = 10_000;

    private readonly int _capacity = options?.Value.QueueCapacity ?? MaxQueuedPerSubscriber;

    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];
    private long _lastPublished;

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    public long LastPublished => Interlocked.Read(ref _lastPublished);

    public void Publish(IReadOnlyList<CommittedEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                foreach (var e in events)
                {
                    subscription.Offer(e);
                }
            }

            Interlocked.Exchange(ref _lastPublished, Math.Max(_lastPublished, events[^1].Position));
        }
    }

    public void StartAt(long position)
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _lastPublished, Math.Max(_lastPublished, position));
        }
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler, Func<Task>? onGap = null) where TEvent : IDomainEvent =>
        Add(new Subscription(this, typeof(TEvent), e => handler((TEvent)e.Event), onGap));

    public IDisposable SubscribeCommitted(Func<CommittedEvent, Task> handler, Func<Task>? onGap = null) =>
        Add(new Subscription(this, null, handler, onGap));

    private Subscription Add(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly EventAggregator _owner;
        private readonly Type? _eventType;
        private readonly Func<CommittedEvent, Task> _handler;
        private readonly Func<Task>? _onGap;
        private readonly Channel<CommittedEvent> _queue;
        private int _gap;
        private volatile bool _disposed;

        public Subscription(EventAggregator owner, Type? eventType, Func<CommittedEvent, Task> handler, Func<Task>? onGap)
        {
            _owner = owner;
            _eventType = eventType;
            _handler = handler;
            _onGap = onGap;
            _queue = Channel.CreateBounded<CommittedEvent>(
                new BoundedChannelOptions(owner._capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _ = Task.Run(PumpAsync);
        }

        public void Offer(CommittedEvent e)
        {
            if ((_eventType is null || _eventType.IsInstanceOfType(e.Event)) && !_queue.Writer.TryWrite(e) && !_disposed)
            {
                // Full: this event and the queued ones are given up, and the subscriber learns it before anything newer.
                Interlocked.Exchange(ref _gap, 1);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            if (_queue.Writer.TryComplete())
            {
                _owner.Remove(this);
            }
        }

        private async Task PumpAsync()
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (!_disposed)
                {
                    if (Interlocked.Exchange(ref _gap, 0) == 1)
                    {
                        await ReportGapAsync(reader);
                        continue;
                    }

                    if (!reader.TryRead(out var e))
                    {
                        break;
                    }

                    await Run(() => _handler(e), e.Event.GetType().Name);
                }

                if (_disposed)
                {
                    return;
                }
            }
        }

        private async Task ReportGapAsync(ChannelReader<CommittedEvent> reader)
        {
            var dropped = 1;
            while (reader.TryRead(out _))
            {
                dropped++;
            }

            _owner.LogGap(dropped, _onGap is not null);
            if (_onGap is not null)
            {
                await Run(_onGap, "gap");
            }
        }

        private async Task Run(Func<Task> work, string what)
        {
            try
            {
                await work();
            }
            catch (Exception ex)
            {
                _owner.LogHandlerFailure(ex, what);
            }
        }
    }

    private void LogGap(int dropped, bool handled)
    {
        if (handled)
        {
            logger.LogWarning("A subscriber fell {Max} events behind; {Dropped} queued events were dropped and it resyncs", _capacity, dropped);
        }
        else
        {
            logger.LogError("A subscriber with no gap handler fell {Max} events behind and lost {Dropped} events", _capacity, dropped);
        }
    }

    private void LogHandlerFailure(Exception ex, string what) =>
        logger.LogError(ex, "A subscriber failed to handle {EventType}", what);
}

/// <summary><c>Realtime:Aggregator</c>: how far a subscriber (a page, a relay) may fall behind before it resyncs.</summary>
public sealed class AggregatorOptions
{
    public const string Section = "Realtime:Aggregator";

    public int QueueCapacity { get; set; } = EventAggregator.MaxQueuedPerSubscriber;
}
