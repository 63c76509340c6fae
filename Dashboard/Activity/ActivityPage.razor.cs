using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace Dashboard.Activity;

/// <summary>
/// The full activity feed: filters in the address, a page at a time from the database, live. A new entry that belongs at
/// the top of what is shown goes there without a query; any other match is counted as new and the page's total comes
/// from one reload per burst.
/// </summary>
public partial class ActivityPage
{
    private const string TimeSort = "at";
    private const int PageSize = 25;
    private readonly HashSet<long> _expanded = [];
    private readonly HashSet<long> _fresh = [];
    private DataTable<ActivityLog>? _table;
    private ActivityFilter _filter = new();
    private string? _searchShown;
    private int _generation;
    private ActivityFilterOptions _options = new([], [], []);
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private int _unseen;
    private bool _showFilters;
    private Action _reload = () => { };

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _filter = ActivityFilter.FromUri(Nav.Uri);
        _searchShown = _filter.Search;
        // Subscribe before loading, so nothing written in between is missed. An entry that belongs at the top of what is
        // shown goes there at once, without a query; any other match only needs the total and the "new" count, which a
        // reload (once per burst) brings.
        _reload = Coalesce(() => _table?.ReloadAsync() ?? Task.CompletedTask);
        Subscribe<ActivityLogged>(e => Arrived(e.Entry));
        if (IsLive)
        {
            Nav.LocationChanged += LocationChanged;
        }

        _options = await Activity.FilterOptionsAsync(await ActorAsync());
    }

    protected override async Task ResyncAsync()
    {
        _options = await Activity.FilterOptionsAsync(await ActorAsync());
        if (_table is not null)
        {
            await _table.ReloadAsync();
        }
    }

    private void Arrived(ActivityLog entry)
    {
        _options = WithOptionsOf(entry);
        ActivityQuery query;
        try
        {
            query = _filter.ToQuery(1, PageSize, oldestFirst: false);
        }
        catch (DomainException)
        {
            return; // Filters the domain refuses show nothing, live or not.
        }

        if (!query.Matches(entry, Clock))
        {
            return;
        }

        if (_fresh.Count > 1_000)
        {
            _fresh.Clear();
        }

        _fresh.Add(entry.Id);
        var atTheTop = _table?.Query is { Page: 1, SortKey: TimeSort, Descending: true };
        if (atTheTop && _table is { IsLoading: false } table)
        {
            table.Prepend(entry);
            return;
        }

        // A page being fetched may or may not hold it: fetch again once it is done.
        if (!atTheTop)
        {
            _unseen++;
        }

        _reload();
    }

    private async Task<TablePage<ActivityLog>> LoadAsync(TableQuery query, CancellationToken ct)
    {
        var newestFirst = query.SortKey != TimeSort || query.Descending;
        if (query.Page == 1 && newestFirst)
        {
            _unseen = 0; // The newest are on screen now.
        }

        try
        {
            var page = await Activity.SearchAsync(await ActorAsync(), _filter.ToQuery(query.Page, query.PageSize, !newestFirst), ct);
            SetErrors(new Dictionary<string, string[]>());
            return new TablePage<ActivityLog>(page.Items, page.Total);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.ValidationFailed)
        {
            SetErrors(ex.Errors);
            return new TablePage<ActivityLog>([], 0);
        }
    }

    private void SetErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0 || _errors.Count > 0)
        {
            _errors = errors;
            StateHasChanged(); // The table re-renders itself; the field messages are the page's.
        }
    }

    // A filter the user changed: the address follows (replaced, not pushed: one history entry per visit, not per key),
    // without a navigation, so the page and what is being typed stay as they are.
    private async Task SetAsync(ActivityFilter filter)
    {
        if (filter == _filter)
        {
            return;
        }

        _filter = filter;
        _fresh.Clear();
        await JS.InvokeVoidAsync("history.replaceState", null, "", filter.ToPath());
        if (_table is not null)
        {
            await _table.ReloadAsync(firstPage: true);
        }
    }

    // A real navigation to this page (the menu link, back/forward): its address decides the filters.
    private void LocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (Nav.ToBaseRelativePath(e.Location).Split('?', '#')[0].TrimEnd('/') is "activity")
        {
            _ = InvokeAsync(() => ResetAsync(ActivityFilter.FromUri(e.Location)));
        }
    }

    private async Task ResetAsync(ActivityFilter filter)
    {
        _searchShown = filter.Search;
        _generation++; // New inputs: what was typed into the old ones must not survive a reset.
        await SetAsync(filter);
        StateHasChanged();
    }

    private Task ShowNewestAsync() => _table?.ShowAsync(new TableQuery(1, PageSize, TimeSort, true)) ?? Task.CompletedTask;

    private void Toggle(long id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    private string? FreshClass(ActivityLog entry) => _fresh.Contains(entry.Id) ? "activity-fresh" : null;

    private RenderFragment? Details(ActivityLog entry) => !_expanded.Contains(entry.Id) ? null : builder =>
    {
        builder.OpenComponent<ActivityDetails>(0);
        builder.AddComponentParameter(1, nameof(ActivityDetails.Entry), entry);
        builder.CloseComponent();
    };

    private ActivityFilterOptions WithOptionsOf(ActivityLog e) => new(
        _options.Users.Any(u => u.Id == e.UserId) ? _options.Users : [.. _options.Users, new ActivityUser(e.UserId, e.UserName)],
        _options.EntityTypes.Contains(e.EntityType) ? _options.EntityTypes : [.. _options.EntityTypes.Append(e.EntityType).Order(StringComparer.Ordinal)],
        _options.Actions.Contains(e.Action) ? _options.Actions : [.. _options.Actions.Append(e.Action).Order(StringComparer.Ordinal)]);

    private string When(DateTime utc)
    {
        var local = Clock.ToLocal(utc);
        return DateOnly.FromDateTime(local) == Clock.Today ? local.ToString("HH:mm:ss", F.Culture) : local.ToString("d MMM, HH:mm", F.Culture);
    }

    private int ActiveFilters => new[] { _filter.User, _filter.Entity, _filter.Action, _filter.Channel, _filter.From, _filter.To, _filter.Search }
        .Count(f => f is not null);

    private static string? Text(ChangeEventArgs e) => e.Value?.ToString()?.Trim() is { Length: > 0 } s ? s : null;

    private async Task<Actor> ActorAsync() => (await AuthState).User.ToActor(Channel.Web);

    protected override void Dispose(bool disposing)
    {
        Nav.LocationChanged -= LocationChanged;
        base.Dispose(disposing);
    }
}
