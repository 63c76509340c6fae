using System.Linq.Expressions;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Payments;

/// <summary>The read side of payments: the filtered, sorted page with the filtered set's totals.</summary>
internal static class PaymentQueries
{
    public const int MaxPageSize = 500;

    public static void Validate(Validation v, PaymentSearch search)
    {
        if (search.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (search.PageSize is < 1 or > MaxPageSize)
        {
            v.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (search.Sort is { } sort && !PaymentSort.Keys.Contains(sort, StringComparer.Ordinal))
        {
            v.Add("sort", $"sort must be one of {string.Join(", ", PaymentSort.Keys)}.");
        }

        v.Text("search", search.Search, 100, required: false);
    }

    public static async Task<PaymentPage> PageAsync(DashboardDbContext db, PaymentSearch search, Guid? customerId, PaymentMethod? method,
        CancellationToken ct)
    {
        var q = Filter(db.Payments.AsNoTracking(), search.From, search.To, customerId, method, search.Search);
        var total = await q.CountAsync(ct);
        var amount = total == 0 ? 0m : await q.SumAsync(p => p.Amount, ct);
        var rows = await Sort(q.Select(p => new Row { Payment = p, CustomerName = p.Customer!.Name }), search.Sort, search.Descending)
            .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize).ToListAsync(ct);
        return new PaymentPage(rows.Select(r => r.Payment.ToModel(r.CustomerName)).ToList(), total, amount, search.Page, search.PageSize);
    }

    /// <summary>The one filter of both listings (the paged search and the plain REST list).</summary>
    public static IQueryable<PaymentEntity> Filter(IQueryable<PaymentEntity> q, DateOnly? from, DateOnly? to, Guid? customerId,
        PaymentMethod? method, string? text)
    {
        if (from is { } first)
        {
            q = q.Where(p => p.PaymentDate >= first);
        }

        if (to is { } last)
        {
            q = q.Where(p => p.PaymentDate <= last);
        }

        if (customerId is { } id)
        {
            q = q.Where(p => p.CustomerId == id);
        }

        if (method is { } m)
        {
            q = q.Where(p => p.Method == m);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + EscapeLike(text.Trim()) + "%";
            q = q.Where(p => EF.Functions.Like(p.Customer!.Name, pattern, "\\") || EF.Functions.Like(p.Customer!.Phone!, pattern, "\\")
                || EF.Functions.Like(p.Customer!.Route!, pattern, "\\"));
        }

        return q;
    }

    // SQLite stores decimals as text, so amounts are compared as REAL (text would put 10 before 9). The newest
    // recorded first breaks ties, so that paging is stable and a day's payments read in the order they came in.
    private static IQueryable<Row> Sort(IQueryable<Row> rows, string? key, bool descending)
    {
        IOrderedQueryable<Row> ordered = key switch
        {
            PaymentSort.Customer => By(rows, r => r.CustomerName, descending),
            PaymentSort.Amount => By(rows, r => (double)r.Payment.Amount, descending),
            PaymentSort.Method => By(rows, r => r.Payment.Method, descending),
            _ => By(rows, r => r.Payment.PaymentDate, descending),
        };
        if (key is not (null or PaymentSort.Date))
        {
            ordered = ordered.ThenByDescending(r => r.Payment.PaymentDate);
        }

        return ordered.ThenByDescending(r => r.Payment.CreatedAt).ThenByDescending(r => r.Payment.Id);
    }

    private static IOrderedQueryable<Row> By<TKey>(IQueryable<Row> rows, Expression<Func<Row, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed class Row
    {
        public required PaymentEntity Payment { get; init; }

        public required string CustomerName { get; init; }
    }
}
