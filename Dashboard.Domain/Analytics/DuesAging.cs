using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Analytics;

/// <summary>
/// Ages what customers owe, first in first out: a customer's payments pay off their oldest delivered amounts first, so
/// what is still unpaid is their newest deliveries, each aged by its entry date. The database sums each customer's
/// deliveries per age bucket (one row per customer); walking the buckets newest first then needs no entry rows at all.
/// Only the top debtors' entries are read, to find the date of their oldest unpaid delivery.
/// </summary>
internal static class DuesAging
{
    public static readonly (string Key, string Label, int From, int? To)[] Buckets =
    [
        ("current", "0–29 days", 0, 29),
        ("30-59", "30–59 days", 30, 59),
        ("60-89", "60–89 days", 60, 89),
        ("90+", "90+ days", 90, null),
    ];

    public static async Task<DuesReport> ComputeAsync(DashboardDbContext db, DateOnly today, int top, CancellationToken ct)
    {
        // An entry is in bucket n when today - date is at least Buckets[n].From days.
        var d30 = today.AddDays(-30);
        var d60 = today.AddDays(-60);
        var d90 = today.AddDays(-90);
        var billed = await Billing.Charges(db)
            .Where(e => e.Date <= today)
            .GroupBy(e => e.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Current = g.Sum(e => e.Date > d30 ? e.Amount : 0m),
                Days30 = g.Sum(e => e.Date <= d30 && e.Date > d60 ? e.Amount : 0m),
                Days60 = g.Sum(e => e.Date <= d60 && e.Date > d90 ? e.Amount : 0m),
                Days90 = g.Sum(e => e.Date <= d90 ? e.Amount : 0m),
            })
            .ToListAsync(ct);
        var paid = await db.Payments
            .Where(p => p.PaymentDate <= today)
            .GroupBy(p => p.CustomerId)
            .Select(g => new { CustomerId = g.Key, Amount = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(x => x.CustomerId, x => x.Amount, ct);

        var amounts = new decimal[Buckets.Length];
        var counts = new int[Buckets.Length];
        var owing = new List<(Guid CustomerId, decimal Balance)>();
        foreach (var b in billed)
        {
            decimal[] newestFirst = [b.Current, b.Days30, b.Days60, b.Days90];
            var unpaid = newestFirst.Sum() - paid.GetValueOrDefault(b.CustomerId);
            if (unpaid <= 0m)
            {
                continue; // paid up, or in advance: an advance is not netted against anyone else's dues
            }

            owing.Add((b.CustomerId, unpaid));
            for (var i = 0; i < newestFirst.Length && unpaid > 0m; i++)
            {
                var share = Math.Min(unpaid, newestFirst[i]);
                if (share > 0m)
                {
                    amounts[i] += share;
                    counts[i]++;
                    unpaid -= share;
                }
            }
        }

        var aging = Buckets.Select((k, i) => new AgingBucket(k.Key, k.Label, k.From, k.To, amounts[i], counts[i])).ToList();
        return new DuesReport(today, aging, await TopAsync(db, today, owing, top, ct));
    }

    private static async Task<IReadOnlyList<TopDue>> TopAsync(DashboardDbContext db, DateOnly today,
        List<(Guid CustomerId, decimal Balance)> owing, int top, CancellationToken ct)
    {
        var ids = owing.Select(o => o.CustomerId).ToList();
        var names = await db.Customers.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var chosen = owing.OrderByDescending(o => o.Balance).ThenBy(o => names.GetValueOrDefault(o.CustomerId), StringComparer.Ordinal)
            .Take(top).ToList();
        var chosenIds = chosen.Select(o => o.CustomerId).ToList();
        var entries = await Billing.Charges(db)
            .Where(e => chosenIds.Contains(e.CustomerId) && e.Date <= today)
            .Select(e => new { e.CustomerId, e.Date, e.Amount })
            .ToListAsync(ct);
        var byCustomer = entries.ToLookup(e => e.CustomerId);

        return chosen.Select(o =>
        {
            // Walk back from the newest delivery until the unpaid balance is covered: that delivery is the oldest unpaid.
            var left = o.Balance;
            var oldest = today;
            foreach (var e in byCustomer[o.CustomerId].OrderByDescending(e => e.Date))
            {
                oldest = e.Date;
                left -= e.Amount;
                if (left <= 0m)
                {
                    break;
                }
            }

            return new TopDue(o.CustomerId, names.GetValueOrDefault(o.CustomerId, "?"), o.Balance, oldest);
        }).ToList();
    }
}
