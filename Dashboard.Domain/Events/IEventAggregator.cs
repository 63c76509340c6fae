namespace Dashboard.Domain.Events;

public interface IEventAggregator
{
    /// <summary>
    /// Hands the events of one committed write to every subscriber, in order. Returns without waiting for handlers.
    /// </summary>
    void Publish(IReadOnlyList<IDomainEvent> events);

    /// <summary>Receives every event of type <typeparamref name="TEvent"/> until the returned handle is disposed.</summary>
    IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) where TEvent : IDomainEvent;

    int SubscriberCount { get; }
}
