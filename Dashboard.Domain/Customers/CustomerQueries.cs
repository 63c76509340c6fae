using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Customers;

/// <summary>The read side of customers: the searched, sorted page with balances, and the ledger lines.</summary>
internal static class CustomerQueries
{
    public static void Validate(Validation v, CustomerQuery query)
    {
        if (query.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > 500)
        {
            v.Add("pageSize", "pageSize must be between 1 and 500.");
        }

        if (query.Sort is { } sort && !CustomerSort.Keys.Contains(sort, StringComparer.Ordinal))
        {
            v.Add("sort", $"sort must be one of {string.Join(", ", CustomerSort.Keys)}.");
        }
    }

    /// <param name="phoneDigits">The search read as a phone number (<see cref="PhoneNumbers.SearchDigits"/>), if it is one.</param>
    public static async Task<Page<CustomerWithBalance>> PageAsync(DashboardDbContext db, CustomerQuery query, string? phoneDigits, CancellationToken ct)
    {
        var customers = Filter(db.Customers.AsNoTracking(), query, phoneDigits);
        var total = await customers.CountAsync(ct);
        var charges = Billing.Charges(db);
        var rows = customers.Select(c => new Row
        {
            Customer = c,
            Billed = charges.Where(e => e.CustomerId == c.Id).Sum(e => e.Amount),
            Paid = db.Payments.Where(p => p.CustomerId == c.Id).Sum(p => p.Amount),
        });
        var items = await Sort(rows, query.Sort, query.Descending)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Page<CustomerWithBalance>(
            items.Select(r => new CustomerWithBalance(r.Customer.ToModel(), r.Billed - r.Paid)).ToList(), total, query.Page, query.PageSize);
    }

    /// <summary>Deliveries and orders (delivered only) and payments in date order, what was billed first on a day, with a running balance.</summary>
    public static async Task<List<LedgerLine>> LedgerLinesAsync(DashboardDbContext db, Guid customerId, CancellationToken ct)
    {
        var entries = await db.DailyEntries.AsNoTracking()
            .Where(e => e.CustomerId == customerId && e.Status == DeliveryStatus.Delivered).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Items)
            .Where(o => o.CustomerId == customerId && o.Status == Orders.OrderStatus.Delivered).ToListAsync(ct);
        var lines = entries
            .Select(e => (e.Date, Order: 0, e.CreatedAt, Kind: LedgerLineKind.Delivery, e.Id,
                Text: $"{e.Quantity:0.###} L @ {e.PricePerLiter:0.00}", Debit: e.Amount, Credit: 0m))
            .Concat(orders.Select(o => (Date: o.DeliveryDate, Order: 0, o.CreatedAt, Kind: LedgerLineKind.Order, o.Id,
                Text: $"Order #{o.Number}: " + Orders.OrderService.Describe(o.Items),
                Debit: o.Total, Credit: 0m)))
            .Concat(payments.Select(p => (Date: p.PaymentDate, Order: 1, p.CreatedAt, Kind: LedgerLineKind.Payment, p.Id,
                Text: p.Note is { Length: > 0 } note ? $"Payment by {Payments.PaymentMethods.Label(p.Method)}: {note}" : $"Payment by {Payments.PaymentMethods.Label(p.Method)}",
                Debit: 0m, Credit: p.Amount)))
            .OrderBy(l => l.Date).ThenBy(l => l.Order).ThenBy(l => l.CreatedAt);
        var running = 0m;
        var ledger = new List<LedgerLine>();
        foreach (var l in lines)
        {
            running += l.Debit - l.Credit;
            ledger.Add(new LedgerLine(l.Date, l.Kind, l.Id, l.Text, l.Debit, l.Credit, running));
        }

        return ledger;
    }

    private static IQueryable<CustomerEntity> Filter(IQueryable<CustomerEntity> q, CustomerQuery query, string? phoneDigits)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            // A number finds its customer however it was typed (PhoneNumbers.SearchDigits), spaces, +91 or 0 or not.
            var digits = phoneDigits is null ? null : "%" + phoneDigits + "%";
            q = q.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Phone!, pattern, "\\")
                || (digits != null && EF.Functions.Like(c.PhoneDigits!, digits))
                || EF.Functions.Like(c.Address!, pattern, "\\") || EF.Functions.Like(c.Route!, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(query.Route))
        {
            q = q.Where(c => c.Route == query.Route);
        }

        if (query.Active is { } active)
        {
            q = q.Where(c => c.IsActive == active);
        }

        return q;
    }

    // SQLite stores decimals as text, so money and quantities are compared as REAL here (text would put 10 before 9).
    // Name, then id, break ties so that paging is stable.
    private static IQueryable<Row> Sort(IQueryable<Row> rows, string? key, bool descending)
    {
        IOrderedQueryable<Row> ordered = key switch
        {
            CustomerSort.Phone => By(rows, r => r.Customer.Phone, descending),
            CustomerSort.Route => By(rows, r => r.Customer.Route, descending),
            CustomerSort.DefaultQuantity => By(rows, r => (double)r.Customer.DefaultQuantity, descending),
            CustomerSort.PricePerLiter => By(rows, r => (double)r.Customer.PricePerLiter, descending),
            CustomerSort.Balance => By(rows, r => (double)r.Billed - (double)r.Paid, descending),
            CustomerSort.Active => By(rows, r => r.Customer.IsActive, descending),
            _ => By(rows, r => r.Customer.Name, descending),
        };
        return key is null or CustomerSort.Name
            ? ordered.ThenBy(r => r.Customer.Id)
            : ordered.ThenBy(r => r.Customer.Name).ThenBy(r => r.Customer.Id);
    }

    private static IOrderedQueryable<Row> By<TKey>(IQueryable<Row> rows, System.Linq.Expressions.Expression<Func<Row, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed class Row
    {
        public required CustomerEntity Customer { get; init; }

        public decimal Billed { get; init; }

        public decimal Paid { get; init; }
    }
}
