namespace Dashboard.Domain.Orders;

/// <summary>One line of an order being placed.</summary>
public sealed record OrderLine(Guid? ProductId, decimal? Quantity);

/// <param name="CustomerId">Staff name the customer; a customer's own orders are theirs whatever is sent.</param>
/// <param name="DeliveryDate">The round it comes with: by default tomorrow's.</param>
/// <param name="OfferCode">An offer's code: applied to the total, or the order is refused with a field error on it.</param>
public sealed record PlaceOrder(Guid? CustomerId, IReadOnlyList<OrderLine?>? Items, DateOnly? DeliveryDate, string? Note, string? OfferCode = null);

/// <summary>A move along the lifecycle. <paramref name="Version"/>, when sent, must be the order's current one.</summary>
public sealed record OrderTransition(int? Version = null);

public sealed record AssignOrder(string? AgentId, int? Version = null);

public sealed record CancelOrder(string? Reason, int? Version = null);

/// <summary>Orders by delivery day, status, customer or agent, newest first, a page at a time.</summary>
public sealed record OrderQuery(DateOnly? Date = null, string? Status = null, Guid? CustomerId = null, string? AgentId = null,
    int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 200;
}

public sealed record OrderPage(IReadOnlyList<Order> Items, int Total, int PageNumber, int PageSize);
