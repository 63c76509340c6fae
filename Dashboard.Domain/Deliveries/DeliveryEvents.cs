using Dashboard.Domain.Events;

namespace Dashboard.Domain.Deliveries;

public sealed record DeliveryChanged(DailyEntry Entry, bool Created) : IDomainEvent
{
    public Guid? CustomerId => Entry.CustomerId;
}

public sealed record DaySheetGenerated(DateOnly Date, int Created) : IDomainEvent
{
    public Guid? CustomerId => null;
}
