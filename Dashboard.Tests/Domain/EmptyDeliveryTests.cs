using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

/// <summary>A newcomer typed 0 on the day sheet and the row stayed "Pending": no milk is a skipped day, never a delivery.</summary>
public sealed class EmptyDeliveryTests : IAsyncLifetime
{
    private DomainHarness _h = default!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Zero_liters_skips_the_day_whether_typed_recorded_or_marked_with_the_route_and_zero_delivered_is_refused()
    {
        var today = _h.Clock.Today;
        var typed = await _h.CreateCustomerAsync("Zero Typed", route: "Zero");
        var recorded = await _h.CreateCustomerAsync("Zero Recorded", route: "Zero");
        var marked = await _h.CreateCustomerAsync("Zero Marked", route: "Zero");
        var full = await _h.CreateCustomerAsync("Full Fatima", route: "Zero");

        var pending = (await _h.Deliveries.RecordAsync(DomainHarness.Admin, new RecordDelivery(typed.Id, today, 1m, null, "pending", null))).Entry;
        var zeroed = await _h.Deliveries.UpdateAsync(DomainHarness.Admin, pending.Id, new UpdateDelivery(0m, null, null, pending.Version));
        Assert.Equal((DeliveryStatus.Skipped, 0m), (zeroed.Status, zeroed.Amount));

        var direct = (await _h.Deliveries.RecordAsync(DomainHarness.Admin, new RecordDelivery(recorded.Id, today, 0m, null, null, null))).Entry;
        Assert.Equal(DeliveryStatus.Skipped, direct.Status);

        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => _h.Deliveries.UpdateAsync(DomainHarness.Admin, direct.Id, new UpdateDelivery(null, null, "delivered", direct.Version)));
        Assert.Equal(["Nothing is delivered at 0 L: mark it skipped, or enter the liters."], error.Errors["quantity"]);
        Assert.Equal(DeliveryStatus.Skipped, (await _h.Deliveries.GetAsync(DomainHarness.Admin, direct.Id)).Status);

        await _h.Deliveries.RecordAsync(DomainHarness.Admin, new RecordDelivery(marked.Id, today, 0m, null, "pending", null));
        await _h.Deliveries.RecordAsync(DomainHarness.Admin, new RecordDelivery(full.Id, today, 2m, null, "pending", null));
        await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Admin, new MarkRouteDelivered(today, "Zero"));
        var sheet = (await _h.Deliveries.ListAsync(DomainHarness.Admin, today)).ToDictionary(e => e.CustomerName, e => e.Status);
        Assert.Equal((DeliveryStatus.Skipped, DeliveryStatus.Delivered), (sheet["Zero Marked"], sheet["Full Fatima"]));
    }
}
