using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Events;

/// <summary>
/// In-process, typed publish/subscribe. Each subscriber owns a queue drained by its own loop, so a slow or
/// throwing handler delays or loses nothing but its own deliveries, and the writer never waits for handlers.
/// Publishing takes a lock only to enqueue, so every subscriber sees events in the same (commit) order.
/// </summary>
public sealed class EventAggregator(ILogger<EventAggregator> logger) : IEventAggregator
{
    /// <summary>A subscriber this far behind is broken or stuck; we drop its oldest events rather than grow without bound.</summary>
    public const int MaxQueuedPerSubscriber = 10_000;

    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    public void Publish(IReadOnlyList<IDomainEvent> events)
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
        }
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : IDomainEvent
    {
        var subscription = new Subscription(this, typeof(TEvent), e => handler((TEvent)e));
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
        private readonly Type _eventType;
        private readonly Func<IDomainEvent, Task> _handler;
        private readonly Channel<IDomainEvent> _queue;
        private int _dropWarned;

        public Subscription(EventAggregator owner, Type eventType, Func<IDomainEvent, Task> handler)
        {
            _owner = owner;
            _eventType = eventType;
            _handler = handler;
            _queue = Channel.CreateBounded<IDomainEvent>(
                new BoundedChannelOptions(MaxQueuedPerSubscriber) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
                OnDropped);
            _ = Task.Run(PumpAsync);
        }

        private void OnDropped(IDomainEvent e)
        {
            if (Interlocked.Exchange(ref _dropWarned, 1) == 0)
            {
                _owner.LogDropped(e);
            }
        }

        public void Offer(IDomainEvent e)
        {
            if (_eventType.IsInstanceOfType(e))
            {
                _queue.Writer.TryWrite(e);
            }
        }

        private volatile bool _disposed;

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
            await foreach (var e in _queue.Reader.ReadAllAsync())
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    await _handler(e);
                }
                catch (Exception ex)
                {
                    _owner.LogHandlerFailure(ex, e);
                }
            }
        }
    }

    private void LogDropped(IDomainEvent e) =>
        logger.LogWarning("A subscriber fell {Max} events behind; its oldest events (first: {EventType}) are being dropped",
            MaxQueuedPerSubscriber, e.GetType().Name);

    private void LogHandlerFailure(Exception ex, IDomainEvent e) =>
        logger.LogError(ex, "A subscriber failed to handle {EventType}", e.GetType().Name);
}
