using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class DeliveryRulesTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private Customer _customer = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        _customer = await _h.CreateCustomerAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<RecordDeliveryResult> Record(decimal? quantity = 1m, string? status = "delivered", DateOnly? date = null, Guid? customerId = null) =>
        _h.Deliveries.RecordAsync(DomainHarness.Staff, new RecordDelivery(customerId ?? _customer.Id, date ?? _h.Today, quantity, null, status));

    [Fact]
    public async Task A_valid_delivery_is_written_with_its_activity_row()
    {
        var before = await _h.CountRowsAsync();
        await Record(20m);
        Assert.Equal(before with { Entries = before.Entries + 1, Activity = before.Activity + 1 }, await _h.CountRowsAsync());
    }

    [Theory]
    [InlineData("-0.5")]
    [InlineData("20.25")]
    [InlineData("21")]
    [InlineData("1.0005")]
    [InlineData("0.3")]
    public async Task A_delivery_with_an_invalid_quantity_is_rejected_and_nothing_is_written(string quantity)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Record(decimal.Parse(quantity, CultureInfo.InvariantCulture)));
        Assert.Equal(["quantity"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("1")]
    [InlineData("")]
    public async Task A_delivery_with_an_unknown_status_is_rejected_and_nothing_is_written(string status)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Record(status: status));
        Assert.Equal(["status"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_customer_is_not_found_and_nothing_is_written() =>
        await _h.AssertRejectedAsync(ErrorCodes.NotFound, () => Record(customerId: Guid.NewGuid()));

    [Fact]
    public async Task A_delivery_recorded_as_delivered_on_a_future_date_is_rejected_and_nothing_is_written()
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Record(date: _h.Today.AddDays(1)));
        Assert.Equal(["date"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_pending_entry_in_the_future_cannot_be_marked_delivered_and_stays_as_it_was()
    {
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today.AddDays(1)));
        var pending = Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today.AddDays(1)));

        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => _h.Deliveries.UpdateAsync(DomainHarness.Staff, pending.Id, new UpdateDelivery(null, null, "delivered", pending.Version)));

        Assert.Equal(pending, Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today.AddDays(1))));
    }
}
