using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class BalanceAndLedgerTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    // Milliliter quantities (a business may configure a step of 0.001 L): amounts that binary floating point cannot hold.
    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync(configure: DomainHarness.MilliliterQuantities);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_balance_bills_delivered_entries_only_and_subtracts_payments()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        var neighbour = await _h.CreateCustomerAsync("Mohan Verma", price: 60m);
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-3), 1m);
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-2), 1.5m);
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-1), 1m, "skipped");
        await _h.Deliveries.GenerateAsync(DomainHarness.Admin, new GenerateDaySheet(_h.Today)); // pending for both
        await _h.DeliverAsync(neighbour.Id, _h.Today.AddDays(-1), 2m);
        await _h.PayAsync(customer.Id, 100m, _h.Today.AddDays(-2));
        await _h.PayAsync(customer.Id, 20.50m, _h.Today, "MOBILE");
        await _h.PayAsync(neighbour.Id, 1000m);

        var balance = await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id);

        Assert.Equal(new CustomerBalance(customer.Id, customer.Name, 150m, 120.50m, 29.50m), balance);
    }

    [Fact]
    public async Task Balances_and_dues_are_exact_to_the_paisa_for_amounts_that_binary_floating_point_cannot_hold()
    {
        // SQLite sums these as whole cents (MoneySql); 0.29 * 100 is 28.999999999999996 in a double.
        var customer = await _h.CreateCustomerAsync(price: 33.33m);
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-2), 1.333m); // 44.42889 -> 44.43
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-1), 0.017m); // 0.56661 -> 0.57
        await _h.PayAsync(customer.Id, 0.29m, _h.Today.AddDays(-1));
        await _h.PayAsync(customer.Id, 1.15m);
        await _h.PayAsync(customer.Id, 999_999.99m);

        var balance = await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id);
        var yesterday = await _h.Stats.ComputeAsync(_h.Today.AddDays(-1));

        Assert.Equal(new CustomerBalance(customer.Id, customer.Name, 45.00m, 1_000_001.43m, -999_956.43m), balance);
        Assert.Equal(44.71m, yesterday.OutstandingDues);
        Assert.Equal(0.29m, yesterday.TotalCollection);
        Assert.Equal(0.57m, yesterday.TotalSales);
    }

    [Fact]
    public async Task A_customer_without_deliveries_or_payments_owes_nothing()
    {
        var customer = await _h.CreateCustomerAsync();

        Assert.Equal(new CustomerBalance(customer.Id, customer.Name, 0m, 0m, 0m),
            await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id));
    }

    [Fact]
    public async Task The_ledger_lists_deliveries_and_payments_in_date_order_with_a_running_balance()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        var d3 = _h.Today.AddDays(-3);
        var d2 = _h.Today.AddDays(-2);
        var d1 = _h.Today.AddDays(-1);
        // Written out of order on purpose: the ledger orders by date, deliveries before payments on the same day.
        await _h.PayAsync(customer.Id, 100m, d1);
        await _h.DeliverAsync(customer.Id, d1, 1m);
        await _h.PayAsync(customer.Id, 50m, d3);
        await _h.DeliverAsync(customer.Id, d2, 2m, "skipped");
        await _h.DeliverAsync(customer.Id, d3, 1.5m);

        var ledger = await _h.Customers.GetLedgerAsync(DomainHarness.Admin, customer.Id);

        Assert.Equal(
            [
                (d3, LedgerLineKind.Delivery, 90m, 0m, 90m),
                (d3, LedgerLineKind.Payment, 0m, 50m, 40m),
                (d1, LedgerLineKind.Delivery, 60m, 0m, 100m),
                (d1, LedgerLineKind.Payment, 0m, 100m, 0m),
            ],
            ledger.Lines.Select(l => (l.Date, l.Kind, l.Debit, l.Credit, l.RunningBalance)));
        Assert.Equal(ledger.Lines[^1].RunningBalance, ledger.Balance.Balance);
        Assert.Equal((150m, 150m), (ledger.Balance.Billed, ledger.Balance.Paid));
    }
}
