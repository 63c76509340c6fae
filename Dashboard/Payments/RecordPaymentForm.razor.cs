using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Payments;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Payments;

/// <summary>
/// Records a payment: a customer picked by search (arrows and Enter, each match with its balance), the amount
/// prefilled with what that customer owes, method, date (business today, never later) and note. The domain
/// validates; its field messages show under the fields and nothing is written. Live: the picked customer's due
/// follows <see cref="BalanceChanged"/>.
/// </summary>
public partial class RecordPaymentForm : LiveComponentBase
{
    private const int MaxMatches = 8;
    private int _searchSequence;
    private IReadOnlyList<CustomerWithBalance> _matches = [];
    private int _active = -1;
    private CustomerWithBalance? _customer;
    private decimal? _amount;
    private string _method = "CASH";
    private DateOnly _date;
    private string? _note;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _error;
    private bool _busy;
    // The date the domain asked about (CONFIRMATION_REQUIRED): confirming records the same payment on it.
    private DateOnly? _confirmDate;
    // The last payment recorded on another day than today: where it went, since today's list will not show it.
    private Payment? _elsewhere;
    private ElementReference _searchBox;
    private ElementReference _amountBox;
    private bool _focusSearch;
    private bool _focusAmount;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private PaymentService Payments { get; set; } = default!;

    [Inject]
    private BusinessClock Clock { get; set; } = default!;

    [Inject]
    private ToastService Toasts { get; set; } = default!;

    [Inject]
    private Dashboard.Collaboration.EditingSession Editing { get; set; } = default!;

    [Inject]
    private Formats F { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>Told after a payment is written (the page's own list also hears it as an event).</summary>
    [Parameter]
    public EventCallback<Payment> Recorded { get; set; }

    protected override void OnInitialized()
    {
        _date = Clock.Today;
        Subscribe<BalanceChanged>(e => Patch(e.Balance.CustomerId, c => c with { Balance = e.Balance.Balance }));
        Subscribe<CustomerChanged>(e => Patch(e.Customer.Id, c => c with { Customer = e.Customer }));
    }

    // The shown balances come from the database again; the typed amount is the user's and stays.
    protected override async Task ResyncAsync()
    {
        if (_customer is { } picked)
        {
            var balance = await Customers.GetBalanceAsync(await ActorAsync(), picked.Customer.Id);
            _customer = picked with { Balance = balance.Balance };
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAmount)
        {
            _focusAmount = false;
            await _amountBox.FocusAsync();
        }
        else if (_focusSearch)
        {
            _focusSearch = false;
            await _searchBox.FocusAsync();
        }
    }

    private static string Id(string part) => $"payment-{part}";

    private void Patch(Guid customerId, Func<CustomerWithBalance, CustomerWithBalance> update)
    {
        if (_customer?.Customer.Id == customerId)
        {
            _customer = update(_customer);
        }

        _matches = _matches.Select(m => m.Customer.Id == customerId ? update(m) : m).ToList();
    }

    private async Task<Actor> ActorAsync() => (await AuthState).User.ToActor(Channel.Web);

    // Only the latest query's results are shown, whatever order the searches finish in.
    private async Task SearchAsync(ChangeEventArgs e)
    {
        var search = e.Value?.ToString()?.Trim() ?? "";
        var sequence = ++_searchSequence;
        var matches = search.Length < 2
            ? []
            : (await Customers.ListWithBalancesAsync(await ActorAsync(), new CustomerQuery(search, null, true, 1, MaxMatches))).Items;
        if (sequence == _searchSequence)
        {
            _matches = matches;
            _active = matches.Count > 0 ? 0 : -1;
        }
    }

    private Task KeyAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when _matches.Count > 0:
                _active = (_active + 1) % _matches.Count;
                break;
            case "ArrowUp" when _matches.Count > 0:
                _active = _active <= 0 ? _matches.Count - 1 : _active - 1;
                break;
            case "Enter" when _active >= 0 && _active < _matches.Count:
                return SelectAsync(_matches[_active]);
            case "Escape":
                (_matches, _active) = ([], -1);
                break;
        }

        return Task.CompletedTask;
    }

    // The match's balance may be a moment old; the due shown and prefilled is read afresh.
    private async Task SelectAsync(CustomerWithBalance match)
    {
        _searchSequence++;
        (_matches, _active) = ([], -1);
        var balance = await Customers.GetBalanceAsync(await ActorAsync(), match.Customer.Id);
        _customer = match with { Balance = balance.Balance };
        _amount = balance.Balance > 0 ? balance.Balance : null;
        _errors = _errors.Where(e => e.Key != "customerId").ToDictionary();
        _focusAmount = true;
        // Another tab drafting a payment for the same customer sees it (two people taking the same cash).
        await Editing.EditAsync(this, $"payment:{match.Customer.Id}");
    }

    private void ChangeCustomer()
    {
        (_customer, _matches, _active) = (null, [], -1);
        _focusSearch = true;
        _ = Editing.StopAsync(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ = Editing.StopAsync(this);
        }

        base.Dispose(disposing);
    }

    private Task ConfirmDateAsync() => SubmitAsync(confirmed: true);

    private void ChangeDate() => _confirmDate = null;

    private async Task SubmitAsync() => await SubmitAsync(confirmed: false);

    private async Task SubmitAsync(bool confirmed)
    {
        _busy = true;
        _error = null;
        var confirm = confirmed && _confirmDate == _date;
        _confirmDate = null;
        try
        {
            var payment = await Payments.AddAsync(await ActorAsync(),
                new AddPayment(_customer?.Customer.Id, _amount, _method, _date, _note, ConfirmBackdated: confirm ? true : null));
            _errors = new Dictionary<string, string[]>();
            _elsewhere = payment.PaymentDate == Clock.Today ? null : payment;
            Toasts.Success($"Recorded {F.Money(payment.Amount)} from {payment.CustomerName}"
                + (payment.PaymentDate == Clock.Today ? "." : $" on {F.Date(payment.PaymentDate)}."), "Payment recorded");
            // Ready for the next payment; the method and date stay, as a batch is often one day's cash.
            (_customer, _amount, _note) = (null, null, null);
            _focusSearch = true;
            await Editing.StopAsync(this);
            await Recorded.InvokeAsync(payment);
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.ConfirmationRequired)
        {
            // Asked once, in words, with the two ways on: nothing is written until the date is confirmed.
            (_errors, _confirmDate) = (new Dictionary<string, string[]>(), _date);
        }
        catch (DomainException ex)
        {
            // Once, beside its field; the banner is for what no field explains (a refusal, a conflict).
            (_errors, _error) = (ex.Errors, ex.Errors.Count == 0 ? ex.Message : null);
        }
        finally
        {
            _busy = false;
        }
    }
}
