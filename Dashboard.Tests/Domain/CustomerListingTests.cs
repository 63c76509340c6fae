using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class CustomerListingTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        // Values chosen so that sorting them as text (how SQLite stores decimals) would give a different order.
        var asha = await Create("Asha", "+91 30000 00000", "East", 1m, 9.5m);
        var bala = await Create("Bala", "+91 10000 00000", null, 2m, 10m);
        var chitra = await Create("Chitra", null, "West", 0.5m, 100m);
        await Create("Devi", "+91 20000 00000", "North", 10m, 55m, active: false);
        await _h.DeliverAsync(asha.Id, _h.Today.AddDays(-1), 1m);
        await _h.DeliverAsync(bala.Id, _h.Today.AddDays(-1), 10m);
        await _h.PayAsync(chitra.Id, 20m);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<Customer> Create(string name, string? phone, string? route, decimal quantity, decimal price, bool active = true)
    {
        await _h.EnsureRouteAsync(route);
        return await _h.Customers.CreateAsync(DomainHarness.Admin, new CreateCustomer(name, phone, null, route, quantity, price, active));
    }

    private async Task<List<string>> Names(string? sort, bool descending = false, bool? active = null, int page = 1, int pageSize = 50) =>
        (await _h.Customers.ListWithBalancesAsync(DomainHarness.Staff, new CustomerQuery(null, null, active, page, pageSize, sort, descending)))
            .Items.Select(r => r.Customer.Name).ToList();

    [Theory]
    [InlineData(null, false, "Asha Bala Chitra Devi")]
    [InlineData(CustomerSort.Name, true, "Devi Chitra Bala Asha")]
    [InlineData(CustomerSort.PricePerLiter, false, "Asha Bala Devi Chitra")]
    [InlineData(CustomerSort.DefaultQuantity, true, "Devi Bala Asha Chitra")]
    [InlineData(CustomerSort.Balance, false, "Chitra Devi Asha Bala")]
    [InlineData(CustomerSort.Balance, true, "Bala Asha Devi Chitra")]
    [InlineData(CustomerSort.Route, false, "Bala Asha Devi Chitra")]
    [InlineData(CustomerSort.Phone, false, "Chitra Bala Devi Asha")]
    [InlineData(CustomerSort.Active, false, "Devi Asha Bala Chitra")]
    public async Task Customers_sort_by_every_column_as_numbers_not_text(string? sort, bool descending, string expected)
    {
        Assert.Equal(expected.Split(' '), await Names(sort, descending));
    }

    [Fact]
    public async Task Each_row_carries_the_customers_balance()
    {
        var page = await _h.Customers.ListWithBalancesAsync(DomainHarness.Staff, new CustomerQuery(null, null, null, Sort: CustomerSort.Name));

        Assert.Equal([9.5m, 100m, -20m, 0m], page.Items.Select(r => r.Balance));
        foreach (var row in page.Items)
        {
            Assert.Equal((await _h.Customers.GetBalanceAsync(DomainHarness.Staff, row.Customer.Id)).Balance, row.Balance);
        }
    }

    [Fact]
    public async Task Paging_a_sorted_and_filtered_list_counts_only_the_matching_customers()
    {
        var page = await _h.Customers.ListWithBalancesAsync(DomainHarness.Staff,
            new CustomerQuery(null, null, true, 2, 2, CustomerSort.Balance, Descending: true));

        Assert.Equal(3, page.Total);
        Assert.Equal(["Chitra"], page.Items.Select(r => r.Customer.Name));
    }

    [Fact]
    public async Task An_unknown_sort_key_is_rejected()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _h.Customers.ListWithBalancesAsync(DomainHarness.Staff, new CustomerQuery(null, null, null, Sort: "Name; DROP TABLE")));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(["sort"], error.Errors.Keys);
    }

    [Fact]
    public async Task The_routes_are_the_distinct_routes_in_order()
    {
        Assert.Equal(["East", "North", "West"], await _h.Customers.RoutesAsync(DomainHarness.Staff));
    }

    [Fact]
    public async Task A_customer_user_cannot_list_customers()
    {
        var page = await _h.Customers.ListAsync(DomainHarness.Staff, new CustomerQuery("Asha", null, null));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            _h.Customers.ListWithBalancesAsync(DomainHarness.Customer(page.Items[0].Id), new CustomerQuery(null, null, null)));
    }
}
