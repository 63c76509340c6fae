using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain;

public sealed class RouteDeliveredTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Marking_a_route_delivered_changes_only_that_routes_pending_entries_in_one_write()
    {
        var asha = await _h.CreateCustomerAsync("Asha North", quantity: 1m, price: 60m, route: "North");
        var bina = await _h.CreateCustomerAsync("Bina North", quantity: 2m, price: 50m, route: "North");
        var skipped = await _h.CreateCustomerAsync("Chitra North", quantity: 1m, route: "North");
        var south = await _h.CreateCustomerAsync("Deepa South", quantity: 1m, route: "South");
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today));
        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Admin, _h.Today);
        var chitra = sheet.Lines.Single(l => l.Entry.CustomerId == skipped.Id).Entry;
        await _h.Deliveries.UpdateAsync(DomainHarness.Staff, chitra.Id, new UpdateDelivery(null, null, "skipped", null));
        var before = await _h.CountRowsAsync();
        using var changes = new EventRecorder<DeliveryChanged>(_h.Events);
        using var balances = new EventRecorder<BalanceChanged>(_h.Events);

        var result = await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today, "North"));

        Assert.Equal((2, "North"), (result.Count, result.Route));
        Assert.Equal([asha.Id, bina.Id], result.Entries.Select(e => e.CustomerId));
        Assert.All(result.Entries, e => Assert.Equal((DeliveryStatus.Delivered, 2, "Sunil Staff"), (e.Status, e.Version, e.UpdatedBy)));
        await using var db = _h.Db();
        var rows = await db.DailyEntries.Where(e => e.Date == _h.Today).ToDictionaryAsync(e => e.CustomerId, e => e.Status);
        Assert.Equal(DeliveryStatus.Delivered, rows[asha.Id]);
        Assert.Equal(DeliveryStatus.Delivered, rows[bina.Id]);
        Assert.Equal(DeliveryStatus.Skipped, rows[skipped.Id]);
        Assert.Equal(DeliveryStatus.Pending, rows[south.Id]);
        Assert.Equal(before with { Activity = before.Activity + 1 }, await _h.CountRowsAsync());
        var activity = await db.Activity.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("deliveries.route-delivered", Channel.Web), (activity.Action, activity.Channel));
        Assert.Contains("Marked 2 deliveries on North", activity.Summary);

        // Each entry is announced, and so is each customer's new balance (billed now).
        await changes.WaitForCountAsync(2);
        var announced = await balances.WaitForCountAsync(2);
        Assert.Equal([60m, 100m], announced.Select(b => b.Balance.Balance).Order());
    }

    [Fact]
    public async Task Marking_again_or_an_empty_route_writes_nothing_and_the_customers_without_a_route_have_their_own_key()
    {
        var loose = await _h.CreateCustomerAsync("No Route Nalini", route: null);
        await _h.CreateCustomerAsync("Routed Ravi", route: "East");
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today));

        var unrouted = await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today, ""));
        Assert.Equal(loose.Id, Assert.Single(unrouted.Entries).CustomerId);

        var before = await _h.CountRowsAsync();
        var again = await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today, ""));
        var nowhere = await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today, "Nowhere"));
        Assert.Equal((0, 0), (again.Count, nowhere.Count));
        Assert.Equal(before, await _h.CountRowsAsync());
        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Admin, _h.Today);
        Assert.Equal(DeliveryStatus.Pending, sheet.Lines.Single(l => l.Route == "East").Entry.Status);
    }

    [Fact]
    public async Task A_future_day_a_missing_date_or_route_and_a_customer_are_refused_with_nothing_written()
    {
        await _h.CreateCustomerAsync("Future Farah", route: "North");
        var tomorrow = _h.Today.AddDays(1);
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(tomorrow));

        var future = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(tomorrow, "North")));
        Assert.Contains("future", Assert.Single(future.Errors["date"]));
        var missing = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(null, null)));
        Assert.Equal(["date", "route"], missing.Errors.Keys.Order());
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today, new string('r', 51))));
        var customer = await _h.CreateCustomerAsync("Nosy Neha");
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden,
            () => _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Customer(customer.Id), new MarkRouteDelivered(_h.Today, "North")));
    }

    [Fact]
    public async Task The_day_sheet_lists_entries_by_route_and_the_active_customers_not_on_it()
    {
        var zed = await _h.CreateCustomerAsync("Zed South", route: "South");
        var amy = await _h.CreateCustomerAsync("Amy North", route: "North");
        var none = await _h.CreateCustomerAsync("Nora Nowhere", route: null);
        await _h.CreateCustomerAsync("Gone Gita", active: false);
        await _h.DeliverAsync(zed.Id, _h.Today, 1m);
        await _h.DeliverAsync(none.Id, _h.Today, 2m);

        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, _h.Today);

        Assert.Equal([("South", zed.Id), (null, none.Id)], sheet.Lines.Select(l => (l.Route, l.Entry.CustomerId)));
        Assert.Equal([amy.Id], sheet.NotOnSheet.Select(c => c.Id));
        Assert.Equal(1, sheet.Generatable);
    }
}
