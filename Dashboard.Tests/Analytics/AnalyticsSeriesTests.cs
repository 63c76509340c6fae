using Dashboard.Domain.Analytics;
using Dashboard.Domain.Common;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Analytics;

public sealed class AnalyticsSeriesTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private AnalyticsService Analytics => _h.Get<AnalyticsService>();

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        var a = await _h.CreateCustomerAsync("Asha Menon", price: 60m);
        var b = await _h.CreateCustomerAsync("Bhavana Rao", price: 50m);
        var yesterday = _h.Today.AddDays(-1);
        await _h.DeliverAsync(a.Id, _h.Today, 2m);                      // 120
        await _h.DeliverAsync(b.Id, _h.Today, 1m);                      // 50
        await _h.DeliverAsync(a.Id, yesterday, 1m);                     // 60
        await _h.DeliverAsync(b.Id, yesterday, 3m, "skipped");          // not delivered: not counted
        await _h.DeliverAsync(b.Id, _h.Today.AddDays(1), 1m, "pending"); // tomorrow's sheet: outside the window
        await _h.DeliverAsync(a.Id, _h.Today.AddDays(-40), 1m);         // only in the 90-day window
        await _h.PayAsync(a.Id, 100m, _h.Today, "CASH");
        await _h.PayAsync(b.Id, 30m, yesterday, "MOBILE");
        await _h.PayAsync(b.Id, 12.5m, yesterday, "MOBILE");
        await _h.PayAsync(a.Id, 10m, _h.Today.AddDays(-40), "BANK");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_30_day_series_has_a_point_per_day_ending_today_with_the_days_delivered_liters_sales_and_payments()
    {
        var report = await Analytics.GetAsync(DomainHarness.Staff, 30);

        Assert.Equal(30, report.Daily.Count);
        Assert.Equal((_h.Today.AddDays(-29), _h.Today), (report.From, report.To));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => report.From.AddDays(i)), report.Daily.Select(d => d.Date));
        Assert.Equal(new DailyPoint(_h.Today, 3m, 170m, 100m), report.Daily[^1]);
        Assert.Equal(new DailyPoint(_h.Today.AddDays(-1), 1m, 60m, 42.5m), report.Daily[^2]);
        Assert.All(report.Daily.SkipLast(2), d => Assert.Equal((0m, 0m, 0m), (d.Liters, d.Sales, d.Collection)));
        Assert.Equal((4m, 230m, 142.5m), (report.Liters, report.Sales, report.Collection));
    }

    [Fact]
    public async Task The_90_day_window_also_counts_what_happened_40_days_ago()
    {
        var report = await Analytics.GetAsync(DomainHarness.Admin, 90);

        Assert.Equal(90, report.Daily.Count);
        Assert.Equal(new DailyPoint(_h.Today.AddDays(-40), 1m, 60m, 10m), report.Daily.Single(d => d.Date == _h.Today.AddDays(-40)));
        Assert.Equal((5m, 290m, 152.5m), (report.Liters, report.Sales, report.Collection));
    }

    [Fact]
    public async Task The_method_split_totals_each_method_over_the_window_and_lists_every_method()
    {
        var month = await Analytics.MethodsAsync(DomainHarness.Staff, 30);
        var quarter = await Analytics.MethodsAsync(DomainHarness.Staff, 90);

        Assert.Equal(
            [new MethodTotal(PaymentMethod.Cash, 100m, 1), new MethodTotal(PaymentMethod.Mobile, 42.5m, 2), new MethodTotal(PaymentMethod.Bank, 0m, 0),
                new MethodTotal(PaymentMethod.Upi, 0m, 0), new MethodTotal(PaymentMethod.Cheque, 0m, 0)],
            month);
        Assert.Equal(new MethodTotal(PaymentMethod.Bank, 10m, 1), quarter[2]);
    }

    [Fact]
    public async Task A_window_other_than_30_or_90_days_is_refused_and_only_admins_and_staff_may_read()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Analytics.GetAsync(DomainHarness.Staff, 7));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Contains("days", error.Errors.Keys);

        var forbidden = await Assert.ThrowsAsync<DomainException>(() => Analytics.DuesAsync(DomainHarness.Delivery));
        Assert.Equal(ErrorCodes.Forbidden, forbidden.Code);
        await Assert.ThrowsAsync<DomainException>(() => Analytics.GetAsync(DomainHarness.Customer(Guid.NewGuid()), 30));
    }
}
