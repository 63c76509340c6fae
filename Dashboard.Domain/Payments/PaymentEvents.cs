using Dashboard.Domain.Events;

namespace Dashboard.Domain.Payments;

public sealed record PaymentAdded(Payment Payment) : IDomainEvent
{
    public Guid? CustomerId => Payment.CustomerId;
}

/// <summary>
/// A payment for a one-off order (seed 001's <c>payment:received</c>), raised with its <see cref="PaymentAdded"/>:
/// what the order has been paid so far, and whether that is all of it.
/// </summary>
public sealed record OrderPaymentReceived(Guid OrderId, int OrderNumber, Guid CustomerId, string? AgentId, Payment Payment, decimal Paid, decimal Total)
    : IDomainEvent
{
    Guid? IDomainEvent.CustomerId => CustomerId;

    public bool PaidInFull => Paid >= Total;
}
