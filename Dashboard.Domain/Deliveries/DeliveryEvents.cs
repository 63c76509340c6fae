using Dashboard.Domain.Events;

namespace Dashboard.Domain.Deliveries;

/// <param name="Route">The customer's route: whose agents receive the change.</param>
/// <param name="Previous">The entry before the change (null: it is new): what a delivered entry took out of stock before.</param>
public sealed record DeliveryChanged(DailyEntry Entry, bool Created, string? Route = null, DailyEntry? Previous = null) : IDomainEvent
{
    public Guid? CustomerId => Entry.CustomerId;
}

public sealed record DaySheetGenerated(DateOnly Date, int Created) : IDomainEvent
{
    public Guid? CustomerId => null;
}
