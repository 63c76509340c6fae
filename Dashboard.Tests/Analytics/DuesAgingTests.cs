using Dashboard.Domain.Analytics;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Analytics;

public sealed class DuesAgingTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private AnalyticsService Analytics => _h.Get<AnalyticsService>();

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly DaysAgo(int days) => _h.Today.AddDays(-days);

    /// <summary>
    /// A: five deliveries of 100 (100, 70, 40, 10 and 0 days old) and 150 paid: FIFO, the payment settles the 100-day-old
    /// delivery and half of the 70-day-old one, leaving 50 at 60–89 days, 100 at 30–59 and 200 current.
    /// B: 50 each at 95, 30 and 29 days old, nothing paid (30 days is the first day of 30–59, 29 the last current day).
    /// C: paid 80 for a delivery of 50: an advance, never netted against A's or B's dues.
    /// </summary>
    private async Task<(Customer A, Customer B, Customer C)> ArrangeAsync()
    {
        var a = await _h.CreateCustomerAsync("Asha Menon", price: 100m);
        var b = await _h.CreateCustomerAsync("Bhavana Rao", price: 50m);
        var c = await _h.CreateCustomerAsync("Chetan Shetty", price: 50m);
        foreach (var age in new[] { 100, 70, 40, 10, 0 })
        {
            await _h.DeliverAsync(a.Id, DaysAgo(age), 1m);
        }

        await _h.PayAsync(a.Id, 100m, DaysAgo(5));
        await _h.PayAsync(a.Id, 50m, _h.Today, "MOBILE");
        foreach (var age in new[] { 95, 30, 29 })
        {
            await _h.DeliverAsync(b.Id, DaysAgo(age), 1m);
        }

        await _h.DeliverAsync(b.Id, DaysAgo(3), 2m, "skipped");
        await _h.DeliverAsync(c.Id, DaysAgo(5), 1m);
        await _h.PayAsync(c.Id, 80m, DaysAgo(5));
        return (a, b, c);
    }

    [Fact]
    public async Task Payments_settle_the_oldest_deliveries_first_and_what_is_left_is_aged_by_its_entry_date()
    {
        await ArrangeAsync();

        var dues = await Analytics.DuesAsync(DomainHarness.Staff);

        Assert.Equal(
            [("current", 250m, 2), ("30-59", 150m, 2), ("60-89", 50m, 1), ("90+", 50m, 1)],
            dues.Aging.Select(b => (b.Key, b.Amount, b.Customers)));
        Assert.Equal(["0–29 days", "30–59 days", "60–89 days", "90+ days"], dues.Aging.Select(b => b.Label));
        Assert.Equal(500m, dues.Total);
        // The same dues as the dashboard's figure: the buckets only say how old they are.
        Assert.Equal((await _h.Stats.ComputeAsync(_h.Today)).OutstandingDues, dues.Total);
    }

    [Fact]
    public async Task The_top_dues_list_the_largest_balances_with_the_oldest_unpaid_delivery_and_not_those_paid_ahead()
    {
        var (a, b, _) = await ArrangeAsync();

        var dues = await Analytics.DuesAsync(DomainHarness.Admin);

        Assert.Equal(
            [new TopDue(a.Id, "Asha Menon", 350m, DaysAgo(70)), new TopDue(b.Id, "Bhavana Rao", 150m, DaysAgo(95))],
            dues.TopDues);
    }

    [Fact]
    public async Task A_payment_that_clears_a_bucket_moves_the_oldest_unpaid_date_forward()
    {
        var (a, _, _) = await ArrangeAsync();

        await _h.PayAsync(a.Id, 150m, _h.Today);   // 300 paid: 100, 70 and 40 days old settled
        var dues = await Analytics.DuesAsync(DomainHarness.Admin);

        Assert.Equal([200m + 50m, 50m, 0m, 50m], dues.Aging.Select(b => b.Amount));
        Assert.Equal(DaysAgo(10), dues.TopDues.Single(t => t.CustomerId == a.Id).OldestUnpaid);
    }

    [Fact]
    public async Task Only_the_ten_largest_balances_are_listed_largest_first()
    {
        for (var i = 1; i <= 12; i++)
        {
            var customer = await _h.CreateCustomerAsync($"Customer {i:00}", price: 10m);
            await _h.DeliverAsync(customer.Id, _h.Today, i);
        }

        var dues = await Analytics.DuesAsync(DomainHarness.Staff);

        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"Customer {i:00}"), dues.TopDues.Select(t => t.Name));
        Assert.Equal(120m, dues.TopDues[0].Balance);
        Assert.Equal((780m, 12), (dues.Aging[0].Amount, dues.Aging[0].Customers));
    }
}
