using Dashboard.Domain.Deliveries;

namespace Dashboard.Deliveries;

/// <summary>What a day (or one route of it) comes to. Liters and amount leave skipped entries out: nobody gets those.</summary>
public sealed record SheetTotals(decimal Liters, decimal Amount, int Delivered, int Pending, int Skipped)
{
    public int Count => Delivered + Pending + Skipped;

    public static SheetTotals Of(IEnumerable<SheetRow> rows)
    {
        var entries = rows.Select(r => r.Entry).ToList();
        var counted = entries.Where(e => e.Status != DeliveryStatus.Skipped).ToList();
        return new SheetTotals(counted.Sum(e => e.Quantity), counted.Sum(e => e.Amount),
            entries.Count(e => e.Status == DeliveryStatus.Delivered), entries.Count(e => e.Status == DeliveryStatus.Pending),
            entries.Count(e => e.Status == DeliveryStatus.Skipped));
    }
}
