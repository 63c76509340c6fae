using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// One column of a <see cref="DataTable{TItem}"/>, declared as its child: a header, an optional sort key (sortable
/// when set; the key is handed to the table's loader) and the cell content (<c>@context</c> is the row).
/// It renders nothing itself; the table lays out its columns.
/// </summary>
public sealed class DataColumn<TItem> : ComponentBase, IDisposable
{
    [CascadingParameter]
    private DataTable<TItem> Table { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter]
    public string? SortKey { get; set; }

    /// <summary>Keeps the title for screen readers only (e.g. a column of action buttons).</summary>
    [Parameter]
    public bool HideTitle { get; set; }

    /// <summary>Classes for the header and the cells, e.g. "text-end" or "d-none d-md-table-cell" (hidden on phones).</summary>
    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public RenderFragment<TItem>? ChildContent { get; set; }

    protected override void OnInitialized()
    {
        if (Table is null)
        {
            throw new InvalidOperationException($"{nameof(DataColumn<TItem>)} must be placed inside a {nameof(DataTable<TItem>)}.");
        }

        Table.AddColumn(this);
    }

    public void Dispose() => Table?.RemoveColumn(this);
}
