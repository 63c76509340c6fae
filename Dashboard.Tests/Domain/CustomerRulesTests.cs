using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class CustomerRulesTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        await _h.EnsureRouteAsync("Jayanagar");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<Customer> Create(string? name = "Lakshmi Rao", decimal? price = 60m) =>
        _h.Customers.CreateAsync(DomainHarness.Admin, new CreateCustomer(name, null, null, "Jayanagar", 1m, price, null));

    [Fact]
    public async Task A_valid_customer_is_written_with_its_activity_row()
    {
        var before = await _h.CountRowsAsync();
        var customer = await Create("  Lakshmi Rao  ");
        Assert.Equal(("Lakshmi Rao", true, 1), (customer.Name, customer.IsActive, customer.Version));
        Assert.Equal(before with { Customers = before.Customers + 1, Activity = before.Activity + 1 }, await _h.CountRowsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_customer_without_a_name_is_rejected_and_nothing_is_written(string? name)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Create(name: name));
        Assert.Equal(["name"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-60")]
    [InlineData("10000.01")]
    public async Task A_customer_with_a_bad_price_is_rejected_and_nothing_is_written(string price)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Create(price: decimal.Parse(price, CultureInfo.InvariantCulture)));
        Assert.Equal(["pricePerLiter"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_customer_without_a_price_is_rejected_and_nothing_is_written()
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Create(price: null));
        Assert.Equal(["pricePerLiter"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_bad_price_on_update_is_rejected_and_the_customer_stays_as_it_was()
    {
        var customer = await Create();

        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            _h.Customers.UpdateAsync(DomainHarness.Admin, customer.Id, new UpdateCustomer("New Name", null, null, null, null, 0m, null, customer.Version)));

        Assert.Equal(customer, await _h.Customers.GetAsync(DomainHarness.Admin, customer.Id));
    }
}
