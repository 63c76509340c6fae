using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Deliveries;

/// <summary>One entry of a day sheet with the route its customer is on now (the route belongs to the customer, not the entry).</summary>
public sealed record DaySheetLine(DailyEntry Entry, string? Route);

/// <summary>
/// A day as the office works it: the entries (by route, then name) and the active customers not on the sheet yet.
/// <see cref="Generatable"/> is how many of those <see cref="DeliveryService.GenerateAsync"/> would add (a default above 0).
/// </summary>
public sealed record DaySheet(DateOnly Date, IReadOnlyList<DaySheetLine> Lines, IReadOnlyList<Customer> NotOnSheet)
{
    public int Generatable => NotOnSheet.Count(c => c.DefaultQuantity > 0);
}
