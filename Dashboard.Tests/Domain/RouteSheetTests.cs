using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Subscriptions;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

/// <summary>The agent's route sheet: one route, day and shift, in the delivery order the office sets.</summary>
public sealed class RouteSheetTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        await _h.EnsureRouteAsync("Jayanagar");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_route_sheet_lists_the_round_in_delivery_order_with_who_is_due_who_is_away_and_the_notes()
    {
        var subscriptions = _h.Get<SubscriptionService>();
        var day = _h.Today.AddDays(1);
        var amy = await _h.Customers.CreateAsync(DomainHarness.Admin, new CreateCustomer("Amy", null, "1 First St", "Jayanagar", 1m, 60m, true, "Ring twice"));
        var bob = await _h.CreateCustomerAsync("Bob", quantity: 2m);
        var cat = await _h.CreateCustomerAsync("Cat", quantity: 1.5m);
        var dev = await _h.CreateCustomerAsync("Dev evening", quantity: 1m);
        await _h.CreateCustomerAsync("Elsewhere Eli", route: "Basavanagudi");
        await subscriptions.ScheduleAsync(DomainHarness.Staff, dev.Id, new SetSchedule("daily", null, "evening", null, null));
        await _h.DeliverAsync(bob.Id, day, 3m, status: "pending"); // on the sheet, 3 L that day
        await subscriptions.PauseAsync(DomainHarness.Staff, cat.Id, new PauseSubscription(day, day.AddDays(2), "Away"));

        var morning = await _h.Deliveries.RouteSheetAsync(DomainHarness.Delivery, day, "jayanagar", Shift.Morning);
        Assert.Equal(["Amy", "Bob", "Cat"], morning.Lines.Select(l => l.Name));
        Assert.Equal([1, 2, 3], morning.Lines.Select(l => l.Number));
        Assert.Equal([(1m, (DeliveryStatus?)null, "Ring twice"), (3m, DeliveryStatus.Pending, null), (0m, null, null)],
            morning.Lines.Select(l => (l.Quantity, l.Status, l.Note)));
        Assert.Equal((PlanKind.Paused, "Away"), (morning.Lines[2].Plan, morning.Lines[2].Pause!.Reason));
        Assert.Equal((4m, 2), (morning.Liters, morning.Stops));
        Assert.Equal(["Dev evening"], (await _h.Deliveries.RouteSheetAsync(DomainHarness.Staff, day, "Jayanagar", Shift.Evening)).Lines.Select(l => l.Name));
        Assert.Equal(4, (await _h.Deliveries.RouteSheetAsync(DomainHarness.Staff, day, "Jayanagar", null)).Lines.Count);

        // The office puts the route in the order the agent drives it; the route sheet and the day sheet follow.
        using var changes = new EventRecorder<CustomerChanged>(_h.Events);
        await _h.Deliveries.OrderRouteAsync(DomainHarness.Staff, new OrderRoute("Jayanagar", [cat.Id, bob.Id, amy.Id]));
        Assert.Equal(["Cat", "Bob", "Amy", "Dev evening"], (await _h.Deliveries.RouteSheetAsync(DomainHarness.Staff, day, "Jayanagar", null)).Lines.Select(l => l.Name));
        Assert.Equal(3, (await changes.WaitForCountAsync(3)).Count);
        await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(day));
        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, day);
        Assert.Equal(["Bob", "Amy", "Dev evening"], sheet.Lines.Where(l => l.Route == "Jayanagar").Select(l => l.Entry.CustomerName));
        Assert.Equal("1 First St", sheet.Lines.Single(l => l.Entry.CustomerId == amy.Id).Address);
    }

    [Fact]
    public async Task An_agent_reads_only_their_routes_and_a_bad_order_is_refused_with_nothing_written()
    {
        var amy = await _h.CreateCustomerAsync("Amy");
        var eli = await _h.CreateCustomerAsync("Eli", route: "Basavanagudi");
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Deliveries.RouteSheetAsync(DomainHarness.Delivery, _h.Today, "Basavanagudi", null));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Deliveries.RouteSheetAsync(DomainHarness.Delivery, _h.Today, "", null));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Deliveries.OrderRouteAsync(DomainHarness.Delivery, new OrderRoute("Jayanagar", [amy.Id])));
        var stranger = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            _h.Deliveries.OrderRouteAsync(DomainHarness.Staff, new OrderRoute("Jayanagar", [amy.Id, eli.Id])));
        Assert.Equal(["customerIds"], stranger.Errors.Keys);
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => _h.Deliveries.OrderRouteAsync(DomainHarness.Staff, new OrderRoute("Jayanagar", [amy.Id, amy.Id])));
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => _h.Deliveries.OrderRouteAsync(DomainHarness.Staff, new OrderRoute(null, [amy.Id])));
        Assert.Null((await _h.Customers.GetAsync(DomainHarness.Staff, amy.Id)).RouteOrder);
    }
}
