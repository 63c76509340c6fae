using Dashboard.Domain.Events;

namespace Dashboard.Domain.Deliveries;

/// <param name="Route">The customer's route: whose agents receive the change.</param>
public sealed record DeliveryChanged(DailyEntry Entry, bool Created, string? Route = null) : IDomainEvent
{
    public Guid? CustomerId => Entry.CustomerId;
}

public sealed record DaySheetGenerated(DateOnly Date, int Created) : IDomainEvent
{
    public Guid? CustomerId => null;
}
