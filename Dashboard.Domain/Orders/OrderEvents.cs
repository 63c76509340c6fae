using Dashboard.Domain.Events;

namespace Dashboard.Domain.Orders;

/// <summary>A customer or staff placed an order.</summary>
public sealed record OrderPlaced(Order Order) : IDomainEvent
{
    public Guid? CustomerId => Order.CustomerId;
}

/// <summary>An order moved along its lifecycle (cancelled included); <paramref name="Message"/> is for people.</summary>
public sealed record OrderStatusChanged(Order Order, OrderStatus From, string Message) : IDomainEvent
{
    public Guid? CustomerId => Order.CustomerId;
}

/// <summary>Staff gave an order to an agent (<paramref name="PreviousAgentId"/>: the one it was taken from, if any).</summary>
public sealed record OrderAssigned(Order Order, string? PreviousAgentId) : IDomainEvent
{
    public Guid? CustomerId => Order.CustomerId;
}

/// <summary>An order was cancelled (raised with its <see cref="OrderStatusChanged"/>): the seeds' apps listen for it apart.</summary>
public sealed record OrderCancelled(Order Order) : IDomainEvent
{
    public Guid? CustomerId => Order.CustomerId;
}
