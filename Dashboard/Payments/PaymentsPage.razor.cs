using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Payments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Payments;

/// <summary>
/// Payments: record one, and the payments of a date range (today by default), filtered by method and customer,
/// paged and sorted in the database, with the filtered set's count and amount and, for one day, the day's total.
/// Live: a payment recorded anywhere that may fall in the range reloads the list and totals (once per burst).
/// </summary>
public partial class PaymentsPage
{
    private DataTable<Payment>? _table;
    private DateOnly? _from;
    private DateOnly? _to;
    private string? _method;
    private string? _search;
    private Totals? _totals;
    private int _loadSequence;
    private Action _reload = () => { };

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool IsOneDay => _from is { } f && f == _to;

    protected override void OnInitialized()
    {
        _from = _to = Clock.Today;
        // Subscribed before the table's first load (the table loads after this page initializes), so nothing is missed.
        _reload = Coalesce(ResyncAsync);
        Subscribe<PaymentAdded>(e =>
        {
            if (MayShow(e.Payment))
            {
                _reload();
            }
        });
        Subscribe<CustomerChanged>(e =>
        {
            // A renamed customer's rows change at once; a re-query follows, as a name can move rows or change a search.
            var shown = _table?.Patch(p => p.CustomerId == e.Customer.Id && p.CustomerName != e.Customer.Name,
                p => p with { CustomerName = e.Customer.Name }) ?? false;
            if (shown || _search is not null)
            {
                _reload();
            }
        });
    }

    protected override Task ResyncAsync() => _table?.ReloadAsync() ?? Task.CompletedTask;

    private bool MayShow(Payment p) =>
        (_from is not { } from || p.PaymentDate >= from) && (_to is not { } to || p.PaymentDate <= to)
        && (_method is null || string.Equals(MethodCode(p.Method), _method, StringComparison.Ordinal));

    private async Task<TablePage<Payment>> LoadAsync(TableQuery query, CancellationToken ct)
    {
        var sequence = ++_loadSequence;
        var actor = (await AuthState).User.ToActor(Channel.Web);
        try
        {
            var page = await Payments.SearchAsync(actor,
                new PaymentSearch(_from, _to, null, _method, _search, query.Page, query.PageSize, query.SortKey, query.Descending), ct);
            var day = page.TotalAmount;
            if (IsOneDay && (_method is not null || _search is not null))
            {
                day = (await Payments.SearchAsync(actor, new PaymentSearch(_from, _to, PageSize: 1), ct)).TotalAmount;
            }

            if (sequence == _loadSequence)
            {
                _totals = new Totals(page.Total, page.TotalAmount, day);
                StateHasChanged();
            }

            return new TablePage<Payment>(page.Items, page.Total);
        }
        catch (DomainException)
        {
            // The table shows the message (e.g. from after to); figures for a query that failed would mislead.
            if (sequence == _loadSequence)
            {
                _totals = null;
                StateHasChanged();
            }

            throw;
        }
    }

    private Task DateChangedAsync(string? iso, bool from)
    {
        var date = DateInput.Day(iso);
        if (from)
        {
            _from = date;
        }
        else
        {
            _to = date;
        }

        return ReloadFirstPageAsync();
    }

    private Task MethodChangedAsync(ChangeEventArgs e)
    {
        _method = e.Value?.ToString() is { Length: > 0 } method ? method : null;
        return ReloadFirstPageAsync();
    }

    private Task SearchChangedAsync(ChangeEventArgs e)
    {
        _search = e.Value?.ToString()?.Trim() is { Length: > 0 } search ? search : null;
        return ReloadFirstPageAsync();
    }

    private Task ReloadFirstPageAsync() => _table?.ReloadAsync(firstPage: true) ?? Task.CompletedTask;


    private static string MethodCode(PaymentMethod method) => PaymentMethods.Code(method);

    private static string MethodName(PaymentMethod method) => PaymentMethods.Label(method);

    private static string MethodBadge(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => "bg-green-lt",
        PaymentMethod.Mobile or PaymentMethod.Upi => "bg-azure-lt",
        PaymentMethod.Cheque => "bg-yellow-lt",
        _ => "bg-purple-lt",
    };

    private sealed record Totals(int Count, decimal Amount, decimal DayAmount);
}
