using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// A table whose rows come a page at a time from <see cref="Load"/> (the database does the searching, sorting and
/// paging). Sort headers and the pager are buttons, so the keyboard reaches them. Rows are keyed by
/// <see cref="RowKey"/>: a live update re-renders a row in place, and the old rows stay on screen while the next
/// page loads, so nothing jumps.
/// </summary>
/// <remarks>
/// The page owns its filters: when they change it calls <see cref="ReloadAsync"/> with <c>firstPage: true</c>. For a
/// live update it either patches rows in place (<see cref="Patch"/>) or reloads the current page.
/// </remarks>
public partial class DataTable<TItem> : IDisposable
{
    private readonly List<DataColumn<TItem>> _columns = [];
    private TableQuery _query = new(1, 25, null, false); // the latest asked for; the rows shown may still be the previous one's
    private TablePage<TItem> _page = new([], 0);
    private CancellationTokenSource? _loading;
    private int _sequence;
    private bool _loaded;
    private bool _busy;
    private string? _error;

    [Parameter, EditorRequired]
    public Func<TableQuery, CancellationToken, Task<TablePage<TItem>>> Load { get; set; } = default!;

    /// <summary>A stable identity per row (an id), used as the row's <c>@key</c> and <c>data-key</c>.</summary>
    [Parameter, EditorRequired]
    public Func<TItem, object> RowKey { get; set; } = default!;

    /// <summary>The columns: <see cref="DataColumn{TItem}"/> elements.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Parameter]
    public int PageSize { get; set; } = 25;

    /// <summary>The sort the table starts with; after that, the user's clicks decide.</summary>
    [Parameter]
    public string? InitialSort { get; set; }

    [Parameter]
    public bool InitialDescending { get; set; }

    [Parameter]
    public string TestId { get; set; } = "data-table";

    [Parameter]
    public string RowTestId { get; set; } = "row";

    /// <summary>Read by screen readers only.</summary>
    [Parameter]
    public string? Caption { get; set; }

    /// <summary>What the pager counts: "Showing 1–25 of 200 customers".</summary>
    [Parameter]
    public string ItemName { get; set; } = "rows";

    [Parameter]
    public RenderFragment? Empty { get; set; }

    [Parameter]
    public Func<TItem, string?>? RowClass { get; set; }

    /// <summary>An optional full-width row under a row (e.g. its expanded details); null renders none.</summary>
    [Parameter]
    public Func<TItem, RenderFragment?>? RowDetails { get; set; }

    public IReadOnlyList<TItem> Items => _page.Items;

    /// <summary>A page is being fetched: rows on screen are about to be replaced, so patch nothing into them.</summary>
    public bool IsLoading => _busy;

    public int Total => _page.Total;

    public TableQuery Query => _query;

    protected override Task OnInitializedAsync()
    {
        _query = new TableQuery(1, PageSize, InitialSort, InitialDescending);
        return LoadAsync(_query);
    }

    /// <summary>Runs the loader again for the current page (or the first, when the page's filters changed).</summary>
    public Task ReloadAsync(bool firstPage = false) => LoadAsync(firstPage ? _query with { Page = 1 } : _query);

    /// <summary>
    /// Replaces the rows that <paramref name="match"/> selects with <paramref name="update"/>'s result, without a
    /// query; true when a row on this page matched.
    /// </summary>
    public bool Patch(Func<TItem, bool> match, Func<TItem, TItem> update)
    {
        var changed = false;
        var items = _page.Items.Select(item =>
        {
            if (!match(item))
            {
                return item;
            }

            changed = true;
            return update(item);
        }).ToList();
        if (changed)
        {
            _page = _page with { Items = items };
            StateHasChanged();
        }

        return changed;
    }

    /// <summary>
    /// Puts a row that has just been written at the top of the page without a query (the last row drops off, the total
    /// grows); false, and nothing changes, when a row with its key is already shown.
    /// </summary>
    public bool Prepend(TItem item)
    {
        var key = RowKey(item);
        if (_page.Items.Any(i => Equals(RowKey(i), key)))
        {
            return false;
        }

        _page = new TablePage<TItem>([item, .. _page.Items.Take(_query.PageSize - 1)], _page.Total + 1);
        StateHasChanged();
        return true;
    }

    /// <summary>Shows the page, sort and direction given (e.g. "back to the newest").</summary>
    public Task ShowAsync(TableQuery query) => LoadAsync(query with { PageSize = _query.PageSize });

    internal void AddColumn(DataColumn<TItem> column)
    {
        _columns.Add(column);
        StateHasChanged();
    }

    internal void RemoveColumn(DataColumn<TItem> column) => _columns.Remove(column);

    private Task SortByAsync(string key) =>
        LoadAsync(_query with { Page = 1, SortKey = key, Descending = _query.SortKey == key && !_query.Descending });

    private Task GoToAsync(int page) => LoadAsync(_query with { Page = page });

    // Only the latest request may show its rows: a slow earlier page never overwrites a later one. The query is
    // remembered at once, so a live reload arriving meanwhile repeats the user's latest click, not the one before.
    private async Task LoadAsync(TableQuery query)
    {
        var sequence = ++_sequence;
        _query = query;
        _loading?.Cancel();
        var loading = _loading = new CancellationTokenSource();
        _busy = true;
        try
        {
            var page = await Load(query, loading.Token);
            var lastPage = Math.Max(1, (page.Total + query.PageSize - 1) / query.PageSize);
            if (query.Page > lastPage && page.Total > 0)
            {
                // Rows went away under us (a filter, a live change): show the last page that still exists.
                query = query with { Page = lastPage };
                page = await Load(query, loading.Token);
            }

            if (sequence == _sequence)
            {
                (_query, _page, _loaded, _error, _busy) = (query, page, true, null, false);
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (loading.IsCancellationRequested)
        {
            // A newer request took over.
        }
        catch (DomainException ex)
        {
            if (sequence == _sequence)
            {
                (_error, _busy) = (ex.Message, false);
                StateHasChanged();
            }
        }
    }

    private string SortClass(DataColumn<TItem> column) =>
        column.SortKey != _query.SortKey ? "" : _query.Descending ? "desc" : "asc";

    private string AriaSort(DataColumn<TItem> column) =>
        column.SortKey is null || column.SortKey != _query.SortKey ? "none" : _query.Descending ? "descending" : "ascending";

    public void Dispose()
    {
        _loading?.Cancel();
        GC.SuppressFinalize(this);
    }
}
