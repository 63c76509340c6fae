using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Subscriptions;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

/// <summary>
/// Issue 15: "a household can get 100 L; quantities ignore the input's step". Liters a day, a day-sheet entry and a
/// subscription's change follow Dashboard:MaxLitersPerDay and Dashboard:QuantityStep (20 L in quarter liters unless
/// configured), and a refusal writes nothing.
/// </summary>
public sealed class QuantityRulesTests
{
    [Theory]
    [InlineData("100")]   // accepted before: the limit was a constant 100 L
    [InlineData("20.25")]
    [InlineData("1.3")]   // not a quarter liter
    public async Task By_default_a_household_gets_at_most_20_L_in_quarter_liters(string liters)
    {
        await using var h = await DomainHarness.StartAsync();
        var quantity = decimal.Parse(liters, System.Globalization.CultureInfo.InvariantCulture);
        var customer = await h.CreateCustomerAsync();

        var created = await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => h.CreateCustomerAsync("Too Much", quantity: quantity));
        Assert.Equal(["defaultQuantity"], created.Errors.Keys);
        Assert.StartsWith("Liters a day ", created.Errors["defaultQuantity"][0]);
        await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            h.Customers.UpdateAsync(DomainHarness.Staff, customer.Id, new UpdateCustomer(null, null, null, null, quantity, null, null, null)));
        await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => h.DeliverAsync(customer.Id, h.Today, quantity));
        await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            h.Get<SubscriptionService>().ChangeAsync(DomainHarness.Staff, customer.Id, new ScheduleChange(h.Today.AddDays(3), quantity, null)));

        Assert.Equal(1m, (await h.Customers.GetAsync(DomainHarness.Staff, customer.Id)).DefaultQuantity);
        Assert.Equal(20m, (await h.DeliverAsync(customer.Id, h.Today, 20m)).Quantity);
        Assert.Equal(1.75m, (await h.Customers.UpdateAsync(DomainHarness.Staff, customer.Id,
            new UpdateCustomer(null, null, null, null, 1.75m, null, null, null))).DefaultQuantity);
    }

    [Fact]
    public async Task A_business_of_half_liter_packets_up_to_10_L_refuses_a_quarter_liter_and_11_L()
    {
        await using var h = await DomainHarness.StartAsync(configure: s => s.AddSingleton(new QuantityRules(10m, 0.5m)));
        var customer = await h.CreateCustomerAsync(quantity: 1.5m);
        var rows = await h.CountRowsAsync();

        var quarter = await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => h.DeliverAsync(customer.Id, h.Today, 0.75m));
        Assert.Equal("Quantity goes in steps of 0.5 L: 0.75 is not one of them.", quarter.Errors["quantity"][0]);
        var eleven = await h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => h.DeliverAsync(customer.Id, h.Today, 11m));
        Assert.StartsWith("Quantity must be at most 10 L", eleven.Errors["quantity"][0]);
        Assert.Equal(rows, await h.CountRowsAsync());

        Assert.Equal(9.5m, (await h.DeliverAsync(customer.Id, h.Today, 9.5m)).Quantity);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.1")]
    [InlineData("7.5")]
    public void A_step_or_maximum_that_cannot_work_stops_the_start(string max)
    {
        var value = decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantityRules(value, value == 7.5m ? 2m : 0.25m));
    }
}
