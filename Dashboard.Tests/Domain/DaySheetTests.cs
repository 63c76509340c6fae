using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class DaySheetTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Generating_a_day_sheet_twice_creates_the_entries_once_and_skips_inactive_customers()
    {
        var lakshmi = await _h.CreateCustomerAsync("Lakshmi Rao", quantity: 1.5m, price: 58m);
        var mohan = await _h.CreateCustomerAsync("Mohan Verma", quantity: 2m, price: 64m);
        var inactive = await _h.CreateCustomerAsync("Priya Pillai", active: false);
        var paused = await _h.CreateCustomerAsync("Usha Iyer", quantity: 0m);
        var tomorrow = _h.Today.AddDays(1);

        var first = await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(tomorrow));
        var afterFirst = await _h.CountRowsAsync();
        var second = await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(tomorrow));

        Assert.Equal(new DaySheetResult(tomorrow, 2, 0), first);
        Assert.Equal(new DaySheetResult(tomorrow, 0, 2), second);
        Assert.Equal(afterFirst, await _h.CountRowsAsync());
        var sheet = await _h.Deliveries.ListAsync(DomainHarness.Admin, tomorrow);
        Assert.Equal(
            [(lakshmi.Id, 1.5m, 58m, 87m, DeliveryStatus.Pending), (mohan.Id, 2m, 64m, 128m, DeliveryStatus.Pending)],
            sheet.Select(e => (e.CustomerId, e.Quantity, e.PricePerLiter, e.Amount, e.Status)).OrderBy(e => e.Quantity));
        Assert.DoesNotContain(sheet, e => e.CustomerId == inactive.Id || e.CustomerId == paused.Id);
    }

    [Fact]
    public async Task Recording_a_delivery_over_the_pending_entry_updates_that_entry()
    {
        var customer = await _h.CreateCustomerAsync(quantity: 1m, price: 60m);
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today));
        var pending = Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today));
        var before = await _h.CountRowsAsync();

        var result = await _h.Deliveries.RecordAsync(DomainHarness.Delivery, new RecordDelivery(customer.Id, _h.Today, 1.5m, null, "delivered"));

        Assert.False(result.Created);
        Assert.Equal((pending.Id, 1.5m, 90m, DeliveryStatus.Delivered, pending.Version + 1, "Ramesh Agent"),
            (result.Entry.Id, result.Entry.Quantity, result.Entry.Amount, result.Entry.Status, result.Entry.Version, result.Entry.UpdatedBy));
        Assert.Equal(before with { Activity = before.Activity + 1 }, await _h.CountRowsAsync());
        Assert.Equal(result.Entry, Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today)));
    }
}
