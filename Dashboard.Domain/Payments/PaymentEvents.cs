using Dashboard.Domain.Events;

namespace Dashboard.Domain.Payments;

public sealed record PaymentAdded(Payment Payment) : IDomainEvent
{
    public Guid? CustomerId => Payment.CustomerId;
}
