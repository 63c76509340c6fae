namespace Dashboard.Components.Shared;

/// <summary>What a <see cref="DataTable{TItem}"/> asks its loader for: one page, sorted by a column's key.</summary>
public sealed record TableQuery(int Page, int PageSize, string? SortKey, bool Descending);

/// <summary>One page of rows and how many rows there are in all.</summary>
public sealed record TablePage<TItem>(IReadOnlyList<TItem> Items, int Total);

public static class TablePage
{
    /// <summary>Sorts and pages rows already in memory (e.g. one customer's ledger), for tables whose data is small.</summary>
    public static TablePage<TItem> Of<TItem>(IReadOnlyList<TItem> rows, TableQuery query, Func<string?, Func<TItem, IComparable?>> keyFor)
    {
        var key = keyFor(query.SortKey);
        var sorted = query.Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        return new TablePage<TItem>(sorted.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList(), rows.Count);
    }
}
