using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain;

public sealed class AmountRoundingTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    // Milliliter quantities (a business may configure a step of 0.001 L): amounts that binary floating point cannot hold.
    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync(configure: DomainHarness.MilliliterQuantities);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.344", "2.34")]
    [InlineData("0.005", "0.01")]
    [InlineData("134.1475", "134.15")]
    public void Money_rounds_to_two_decimals_with_midpoints_away_from_zero(string value, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Money.Round(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1.255", "60", "75.30")]
    [InlineData("0.5", "10.01", "5.01")] // 5.005: half away from zero, where banker's rounding would give 5.00
    [InlineData("0.5", "60.05", "30.03")] // 30.025
    [InlineData("1.125", "50.50", "56.81")] // 56.8125
    [InlineData("2.333", "57.50", "134.15")] // 134.1475
    public async Task A_recorded_delivery_is_billed_quantity_times_price_rounded_to_two_decimals(string quantity, string price, string amount)
    {
        var customer = await _h.CreateCustomerAsync(price: decimal.Parse(price, CultureInfo.InvariantCulture));
        var entry = await _h.DeliverAsync(customer.Id, _h.Today, decimal.Parse(quantity, CultureInfo.InvariantCulture));

        var expected = decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Equal(expected, entry.Amount);
        await using var db = _h.Db();
        Assert.Equal(expected, await db.DailyEntries.Where(e => e.Id == entry.Id).Select(e => e.Amount).SingleAsync());
    }

    [Fact]
    public async Task Changing_the_quantity_of_an_entry_bills_the_new_amount_rounded()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        var entry = await _h.DeliverAsync(customer.Id, _h.Today, 1m);

        var updated = await _h.Deliveries.UpdateAsync(DomainHarness.Staff, entry.Id, new UpdateDelivery(1.255m, 10.01m, null, entry.Version));

        Assert.Equal(12.56m, updated.Amount); // 12.56255
        Assert.Equal(12.56m, (await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id)).Billed);
    }

    [Fact]
    public async Task A_day_sheet_entry_is_priced_like_a_recorded_one()
    {
        var customer = await _h.CreateCustomerAsync(quantity: 0.5m, price: 10.01m);

        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today));

        var entry = Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today));
        Assert.Equal((customer.Id, 5.01m, DeliveryStatus.Pending), (entry.CustomerId, entry.Amount, entry.Status));
    }
}
