namespace Dashboard.Domain.Events;

/// <summary>A fact about a committed write. Published only after the transaction commits.</summary>
public interface IDomainEvent
{
    /// <summary>The customer the event concerns, if any; transports use it to decide who may receive it.</summary>
    Guid? CustomerId { get; }
}
