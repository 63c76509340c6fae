using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

/// <summary>The edit form's full edit (<see cref="CustomerService.ReplaceAsync"/>), beside the API's partial update.</summary>
public sealed class CustomerEditTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_full_edit_writes_every_field_and_clears_the_ones_left_empty()
    {
        var customer = await _h.CreateCustomerAsync();
        await _h.EnsureRouteAsync("Basavanagudi");

        var edited = await _h.Customers.ReplaceAsync(DomainHarness.Staff, customer.Id,
            new CreateCustomer(" Lakshmi R ", "", "", "Basavanagudi", 2m, 62.5m, false), customer.Version);

        Assert.Equal(("Lakshmi R", null, null, "Basavanagudi", 2m, 62.5m, false, customer.Version + 1),
            (edited.Name, edited.Phone, edited.Address, edited.Route, edited.DefaultQuantity, edited.PricePerLiter, edited.IsActive, edited.Version));
        Assert.Equal(edited, await _h.Customers.GetAsync(DomainHarness.Staff, customer.Id));
    }

    [Fact]
    public async Task A_full_edit_with_empty_numbers_names_every_bad_field_and_changes_nothing()
    {
        var customer = await _h.CreateCustomerAsync();

        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => _h.Customers.ReplaceAsync(DomainHarness.Staff, customer.Id,
            new CreateCustomer("", "call me", null, null, null, null, true), customer.Version));

        Assert.Equal(["defaultQuantity", "name", "phone", "pricePerLiter"], error.Errors.Keys.Order());
        Assert.Equal(customer, await _h.Customers.GetAsync(DomainHarness.Staff, customer.Id));
    }

    [Fact]
    public async Task A_full_edit_of_a_stale_version_conflicts_and_changes_nothing()
    {
        var customer = await _h.CreateCustomerAsync();
        var changed = await _h.Customers.UpdateAsync(DomainHarness.Admin, customer.Id, new UpdateCustomer(null, null, null, null, null, 65m, null, null));

        await _h.AssertRejectedAsync(ErrorCodes.Conflict, () => _h.Customers.ReplaceAsync(DomainHarness.Staff, customer.Id,
            new CreateCustomer("Someone Else", null, null, null, 1m, 60m, true), customer.Version));

        Assert.Equal(changed, await _h.Customers.GetAsync(DomainHarness.Staff, customer.Id));
    }

    [Fact]
    public async Task Only_staff_may_edit()
    {
        var customer = await _h.CreateCustomerAsync();

        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Customers.ReplaceAsync(DomainHarness.Delivery, customer.Id,
            new CreateCustomer("X", null, null, null, 1m, 60m, true), customer.Version));
    }
}
