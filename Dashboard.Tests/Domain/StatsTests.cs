using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Stats;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class StatsTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// A owes, B paid in advance, C owes and has since stopped. Netting B's advance against the others' arrears
    /// would understate the dues, so each day's expected dues are the sum of the positive balances only.
    /// </summary>
    private async Task<(Customer A, Customer B, Customer C)> ArrangeAsync()
    {
        var a = await _h.CreateCustomerAsync("Asha Menon", price: 60m);
        var b = await _h.CreateCustomerAsync("Bhavana Rao", quantity: 2m, price: 50m);
        var c = await _h.CreateCustomerAsync("Chetan Shetty", price: 55m);
        var yesterday = _h.Today.AddDays(-1);
        await _h.DeliverAsync(a.Id, _h.Today.AddDays(-2), 3m);   // 180
        await _h.DeliverAsync(b.Id, _h.Today.AddDays(-2), 2m);   // 100
        await _h.DeliverAsync(a.Id, yesterday, 1.5m);             // 90
        await _h.DeliverAsync(b.Id, yesterday, 2m, "skipped");    // not billed
        await _h.DeliverAsync(c.Id, yesterday, 1m);               // 55
        await _h.PayAsync(a.Id, 100m, yesterday);
        await _h.PayAsync(b.Id, 130m, yesterday);
        await _h.Customers.UpdateAsync(DomainHarness.Admin, c.Id, new UpdateCustomer(null, null, null, null, null, null, false, null));
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today)); // A and B pending
        await _h.DeliverAsync(a.Id, _h.Today, 2m);                // 120, over the pending entry
        await _h.PayAsync(a.Id, 500m, _h.Today, "MOBILE");
        return (a, b, c);
    }

    [Fact]
    public async Task Yesterdays_figures_count_delivered_liters_and_sales_and_the_days_collection()
    {
        await ArrangeAsync();

        var stats = await _h.Stats.GetAsync(DomainHarness.Admin, _h.Today.AddDays(-1));

        // Liters 1.5 + 1, sales 90 + 55; dues then: A 270 - 100 = 170, B 100 - 130 = -30 (advance), C 55.
        Assert.Equal(new ReportStats(_h.Today.AddDays(-1), 2.5m, 145m, 230m, 2, 0, 225m, _h.Clock.UtcNow), stats);
    }

    [Fact]
    public async Task Todays_figures_count_pending_entries_and_active_customers_and_never_net_advances_against_arrears()
    {
        await ArrangeAsync();

        var stats = await _h.Stats.GetAsync(DomainHarness.Admin, null);

        // A 390 - 600 = -210 and B -30 are advances; only C's 55 is owed.
        Assert.Equal(new ReportStats(_h.Today, 2m, 120m, 500m, 2, 1, 55m, _h.Clock.UtcNow), stats);
    }
}
