using Dashboard.Domain.Customers;
using Dashboard.Domain.Subscriptions;

namespace Dashboard.Domain.Deliveries;

/// <summary>
/// One entry of a day sheet with the route and address its customer has now (they belong to the customer, not the entry).
/// </summary>
public sealed record DaySheetLine(DailyEntry Entry, string? Route, string? Address = null);

/// <summary>
/// A day as the office works it: the entries (by route, then name), the active customers not on the sheet yet, and
/// what each one's subscription makes of the day (<see cref="Plans"/>: a delivery, paused, an off day…).
/// <see cref="Generatable"/> is how many of those <see cref="DeliveryService.GenerateAsync"/> would add.
/// </summary>
public sealed record DaySheet(DateOnly Date, IReadOnlyList<DaySheetLine> Lines, IReadOnlyList<Customer> NotOnSheet,
    IReadOnlyDictionary<Guid, PlannedDay> Plans)
{
    public int Generatable => Plans.Values.Count(p => p.Kind == PlanKind.Delivery);
}
