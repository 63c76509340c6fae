using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Updating_a_customer_with_a_stale_version_is_a_conflict_and_writes_nothing()
    {
        var created = await _h.CreateCustomerAsync(price: 60m);
        var current = await _h.Customers.UpdateAsync(DomainHarness.Admin, created.Id,
            new UpdateCustomer(null, null, null, null, null, 62m, null, created.Version));

        await _h.AssertRejectedAsync(ErrorCodes.Conflict, () => _h.Customers.UpdateAsync(DomainHarness.Staff, created.Id,
            new UpdateCustomer("Someone Else", null, null, null, 3m, 70m, false, created.Version)));

        Assert.Equal(2, current.Version);
        Assert.Equal(current, await _h.Customers.GetAsync(DomainHarness.Admin, created.Id));
    }

    [Fact]
    public async Task Updating_a_delivery_with_a_stale_version_is_a_conflict_and_writes_nothing()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        var first = await _h.DeliverAsync(customer.Id, _h.Today, 1m);
        var current = await _h.Deliveries.UpdateAsync(DomainHarness.Staff, first.Id, new UpdateDelivery(2m, null, null, first.Version));

        await _h.AssertRejectedAsync(ErrorCodes.Conflict, () =>
            _h.Deliveries.UpdateAsync(DomainHarness.Delivery, first.Id, new UpdateDelivery(null, null, "skipped", first.Version)));

        Assert.Equal(current, Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today)));
        Assert.Equal(120m, (await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id)).Billed);
    }

    [Fact]
    public async Task Parallel_writes_for_one_customer_all_commit_and_the_day_keeps_one_entry()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);

        var payments = Enumerable.Range(1, 20).Select(i => Task.Run(() => _h.PayAsync(customer.Id, i)));
        // Pending entries are filled in without a version, so all ten land, one after the other, on one entry.
        var deliveries = Enumerable.Range(1, 10).Select(i => Task.Run(() => _h.DeliverAsync(customer.Id, _h.Today.AddDays(-1), i / 2m, "pending")));
        await Task.WhenAll([.. payments, .. deliveries]);

        var entry = Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today.AddDays(-1)));
        Assert.Equal(10, entry.Version);
        var balance = await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id);
        Assert.Equal((0m, 210m), (balance.Billed, balance.Paid));
    }

    [Fact]
    public async Task Of_parallel_deliveries_recorded_without_a_version_one_commits_and_the_rest_conflict()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await _h.DeliverAsync(customer.Id, _h.Today, i);
                return "ok";
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        })));

        Assert.Equal(1, results.Count(r => r == "ok"));
        Assert.Equal(9, results.Count(r => r == ErrorCodes.Conflict));
        var entry = Assert.Single(await _h.Deliveries.ListAsync(DomainHarness.Admin, _h.Today));
        Assert.Equal(1, entry.Version);
    }

    [Fact]
    public async Task Under_parallel_payments_balance_events_arrive_in_commit_order()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        using var balances = new EventRecorder<BalanceChanged>(_h.Events);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(_ => Task.Run(() => _h.PayAsync(customer.Id, 1m))));

        var paid = (await balances.WaitForCountAsync(40)).Select(b => b.Balance.Paid).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (decimal)i), paid);
    }
}
