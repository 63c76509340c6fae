using Dashboard.Domain.Events;

namespace Dashboard.Domain.Common;

/// <summary>
/// Work that follows from a command's events in the command's own transaction and savepoint: a notification row for the
/// customer whose order moved, a stock movement when an order is delivered. What a reaction writes commits with the
/// command or not at all, and the events it raises (<see cref="WriteScope.Raise"/>) are published with the command's and
/// reacted to in turn. Registered as singletons: <c>services.AddSingleton&lt;IWriteReaction, T&gt;()</c>.
/// </summary>
public interface IWriteReaction
{
    /// <param name="events">The events raised since the previous round, in the order raised.</param>
    Task ReactAsync(WriteScope scope, IReadOnlyList<IDomainEvent> events, CancellationToken ct);
}
