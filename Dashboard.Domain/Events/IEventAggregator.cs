namespace Dashboard.Domain.Events;

public interface IEventAggregator
{
    /// <summary>
    /// Hands the events of committed writes to every subscriber, in position order. Returns without waiting for handlers.
    /// </summary>
    void Publish(IReadOnlyList<CommittedEvent> events);

    /// <summary>
    /// Receives every event of type <typeparamref name="TEvent"/> until the returned handle is disposed. A subscriber that
    /// falls <see cref="AggregatorOptions.QueueCapacity"/> events behind loses its queue and is told so through
    /// <paramref name="onGap"/>, once, before the next event: it reloads what it shows from the database then.
    /// </summary>
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler, Func<Task>? onGap = null) where TEvent : IDomainEvent;

    /// <summary>The same for every committed event with its log entry (position, wire name, payload, rooms).</summary>
    IDisposable SubscribeCommitted(Func<CommittedEvent, Task> handler, Func<Task>? onGap = null);

    /// <summary>
    /// The log position of the last event published: since this process started, or else where the log stood at start
    /// (<see cref="StartAt"/>); 0 for an empty log.
    /// </summary>
    long LastPublished { get; }

    /// <summary>
    /// Where the durable log stands when the process starts (its newest position), so that a restart does not count from
    /// 0 again: relays and new connections start from here. Never moves <see cref="LastPublished"/> back.
    /// </summary>
    void StartAt(long position);

    int SubscriberCount { get; }
}
