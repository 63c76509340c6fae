using Dashboard.Domain.Subscriptions;

namespace Dashboard.Domain.Deliveries;

/// <summary>
/// One stop of a route sheet. <see cref="Status"/> null: not on the day's sheet yet (the quantity is what the subscription
/// plans); <see cref="Plan"/> paused: the agent passes by (the quantity is 0).
/// </summary>
public sealed record RouteSheetLine(
    int Number,
    Guid CustomerId,
    string Name,
    string? Phone,
    string? Address,
    string? Note,
    decimal Quantity,
    DeliveryStatus? Status,
    Guid? EntryId,
    PlanKind Plan,
    SubscriptionPause? Pause);

/// <summary>
/// What an agent takes on a round: one route (<c>""</c>: the customers on none), one day, one shift or both, in delivery
/// order (<see cref="Customers.Customer.RouteOrder"/>, then by name).
/// </summary>
public sealed record RouteSheet(DateOnly Date, string Route, Shift? Shift, IReadOnlyList<RouteSheetLine> Lines)
{
    public decimal Liters => Lines.Sum(l => l.Quantity);

    public int Stops => Lines.Count(l => l.Quantity > 0);
}

/// <summary>The route's customers in delivery order, first to last; the ones not named go after them, by name.</summary>
public sealed record OrderRoute(string? Route, IReadOnlyList<Guid>? CustomerIds);
