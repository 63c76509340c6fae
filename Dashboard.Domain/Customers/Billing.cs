using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Persistence;

namespace Dashboard.Domain.Customers;

/// <summary>One amount a customer is billed, on the day it was delivered.</summary>
public sealed class Charge
{
    public Guid CustomerId { get; init; }

    public DateOnly Date { get; init; }

    public decimal Amount { get; init; }
}

/// <summary>
/// The one definition of what a customer owes, used by every figure (balance, customer list, dues, aging, stats):
/// billed = their delivered daily entries and delivered orders, each on its delivery day; paid = their payments;
/// balance = billed − paid.
/// </summary>
public static class Billing
{
    /// <summary>Everything billed, as one query the database runs (a UNION ALL of delivered entries and orders).</summary>
    public static IQueryable<Charge> Charges(DashboardDbContext db) => Charges(db, null);

    /// <summary>
    /// One customer's charges. The customer is chosen inside each half of the union, where the indexes on CustomerId
    /// serve it: filtered outside, SQLite builds the whole union first — every delivered entry, on every write's balance.
    /// </summary>
    public static IQueryable<Charge> Charges(DashboardDbContext db, Guid? customerId)
    {
        var entries = db.DailyEntries.Where(e => e.Status == DeliveryStatus.Delivered);
        var orders = db.Orders.Where(o => o.Status == OrderStatus.Delivered);
        if (customerId is { } id)
        {
            entries = entries.Where(e => e.CustomerId == id);
            orders = orders.Where(o => o.CustomerId == id);
        }

        return entries.Select(e => new Charge { CustomerId = e.CustomerId, Date = e.Date, Amount = e.Amount })
            .Concat(orders.Select(o => new Charge { CustomerId = o.CustomerId, Date = o.DeliveryDate, Amount = o.Total }));
    }
}
