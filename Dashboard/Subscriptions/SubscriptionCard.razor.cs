using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Common;
using Dashboard.Domain.Subscriptions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Subscriptions;

public sealed partial class SubscriptionCard
{
    private static readonly string[] WeekOrder = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private enum Form
    {
        None,
        Days,
        Change,
        Pause,
    }

    private Subscription? _s;
    private Form _form;
    private bool _busy;
    private string? _error;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private Actor? _actor;
    private string _pattern = "daily";
    private string _shift = "morning";
    private HashSet<string> _weekdays = [];
    private DateOnly? _start;
    private DateOnly? _from;
    private DateOnly? _to;
    private decimal? _quantity;
    private decimal? _price;
    private string? _reason;

    [Parameter, EditorRequired]
    public Guid CustomerId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string SaveText => _form switch
    {
        Form.Days => "Save days",
        Form.Change => "Add change",
        _ => "Pause",
    };

    protected override async Task OnInitializedAsync()
    {
        _actor = (await AuthState).User.ToActor(Channel.Web);
        Subscribe<SubscriptionChanged>(e =>
        {
            if (e.Subscription.CustomerId == CustomerId)
            {
                _s = e.Subscription;
            }
        });
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    protected override Task ResyncAsync() => LoadAsync();

    private async Task LoadAsync() => _s = await Subscriptions.GetAsync(_actor!, CustomerId);

    private void Open(Form form)
    {
        (_form, _error, _errors) = (_form == form ? Form.None : form, null, new Dictionary<string, string[]>());
        if (_s is { } s)
        {
            (_pattern, _shift, _weekdays, _start) = (Name(s.Pattern), s.Shift == Shift.Evening ? "evening" : "morning", [.. s.Weekdays], s.StartDate);
        }

        var tomorrow = Clock.Today.AddDays(1);
        (_from, _to, _quantity, _price, _reason) = (tomorrow, _form == Form.Pause ? tomorrow : null, null, null, null);
    }

    private void Toggle(string day, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _weekdays.Add(day);
        }
        else
        {
            _weekdays.Remove(day);
        }
    }

    private Task SaveAsync() => RunAsync(() => _form switch
    {
        Form.Days => Subscriptions.ScheduleAsync(_actor!, CustomerId,
            new SetSchedule(_pattern, [.. WeekOrder.Where(_weekdays.Contains)], _shift, _start, _s?.Version)),
        Form.Change => Subscriptions.ChangeAsync(_actor!, CustomerId, new ScheduleChange(_from, _quantity, _price)),
        _ => Subscriptions.PauseAsync(_actor!, CustomerId, new PauseSubscription(_from, _to, _reason)),
    }, close: true);

    private Task ResumeAsync(SubscriptionPause pause) => RunAsync(() => Subscriptions.ResumeAsync(_actor!, CustomerId, pause.Id), close: false);

    private Task RemoveChangeAsync(SubscriptionChange change) => RunAsync(() => Subscriptions.RemoveChangeAsync(_actor!, CustomerId, change.Id), close: false);

    private async Task RunAsync(Func<Task<Subscription>> write, bool close)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        try
        {
            _s = await write();
            (_error, _errors) = (null, new Dictionary<string, string[]>());
            if (close)
            {
                _form = Form.None;
            }
        }
        catch (DomainException ex)
        {
            (_errors, _error) = (ex.Errors, ex.Errors.Count == 0 ? ex.Message : null);
            if (_form == Form.None)
            {
                _error = ex.FirstError;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Summary(Subscription s)
    {
        var days = s.Pattern switch
        {
            SubscriptionPattern.Alternate => "Alternate days",
            SubscriptionPattern.Weekdays => string.Join(", ", WeekOrder.Where(s.Weekdays.Contains).Select(Capital)),
            _ => "Every day",
        };
        return $"{days} · {(s.Shift == Shift.Evening ? "evenings" : "mornings")}";
    }

    private string Range(DateOnly from, DateOnly to) => from == to
        ? from.ToString("d MMM", F.Culture)
        : $"{from.ToString("d MMM", F.Culture)} – {to.ToString("d MMM", F.Culture)}";

    private string ChangeText(SubscriptionChange c) => string.Join(", ", new[]
    {
        c.Quantity is { } q ? $"{F.Liters(q)} a day" : null,
        c.PricePerLiter is { } p ? $"{F.Money(p)} a liter" : null,
    }.OfType<string>());

    private string DayTitle(PlannedDay day) => day.Kind switch
    {
        PlanKind.Delivery => $"{F.Liters(day.Quantity)} × {F.Money(day.PricePerLiter)}",
        PlanKind.Paused => day.Pause?.Reason is { } r ? $"Paused: {r}" : "Paused",
        PlanKind.OffDay => "Not one of the subscription's days",
        PlanKind.NotStarted => "Before the start date",
        PlanKind.None => "0 L that day",
        _ => "Inactive customer",
    };

    private static string DayCss(PlanKind kind) => kind switch
    {
        PlanKind.Delivery => "bg-blue-lt",
        PlanKind.Paused => "bg-yellow-lt",
        _ => "bg-secondary-lt text-secondary",
    };

    /// <summary>The kind as the API spells it.</summary>
    public static string Kind(PlanKind kind) => System.Text.Json.JsonSerializer.Serialize(kind).Trim('"');

    private static string Name(SubscriptionPattern pattern) => System.Text.Json.JsonSerializer.Serialize(pattern).Trim('"');

    private static string Capital(string day) => char.ToUpperInvariant(day[0]) + day[1..];
}
