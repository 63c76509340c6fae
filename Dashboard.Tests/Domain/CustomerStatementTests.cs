using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class CustomerStatementTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private Customer _customer = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        _customer = await _h.CreateCustomerAsync(price: 50m);
        var id = _customer.Id;
        await _h.DeliverAsync(id, new DateOnly(2026, 9, 30), 2m);
        await _h.PayAsync(id, 30m, new DateOnly(2026, 9, 30));
        await _h.DeliverAsync(id, new DateOnly(2026, 10, 1), 1m);
        await _h.PayAsync(id, 120m, new DateOnly(2026, 10, 15));
        await _h.DeliverAsync(id, new DateOnly(2026, 10, 20), 1m, "skipped");
        await _h.DeliverAsync(id, new DateOnly(2026, 10, 31), 1.5m);
        await _h.DeliverAsync(id, new DateOnly(2026, 11, 1), 1m);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_month_opens_with_what_was_owed_before_it_and_closes_with_its_own_lines()
    {
        var october = await _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, 2026, 10);

        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (october.From, october.To));
        Assert.Equal(70m, october.OpeningBalance);
        Assert.Equal(
            [
                (new DateOnly(2026, 10, 1), LedgerLineKind.Delivery, 50m, 0m, 120m),
                (new DateOnly(2026, 10, 15), LedgerLineKind.Payment, 0m, 120m, 0m),
                (new DateOnly(2026, 10, 31), LedgerLineKind.Delivery, 75m, 0m, 75m),
            ],
            october.Lines.Select(l => (l.Date, l.Kind, l.Debit, l.Credit, l.RunningBalance)));
        Assert.Equal((2.5m, 125m, 120m, 75m), (october.LitersDelivered, october.Billed, october.Paid, october.ClosingBalance));
    }

    [Fact]
    public async Task Consecutive_months_chain_and_the_last_one_closes_at_the_current_balance()
    {
        var october = await _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, 2026, 10);
        var november = await _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, 2026, 11);
        var balance = await _h.Customers.GetBalanceAsync(DomainHarness.Staff, _customer.Id);

        Assert.Equal(october.ClosingBalance, november.OpeningBalance);
        Assert.Equal(balance.Balance, november.ClosingBalance);
    }

    [Fact]
    public async Task A_month_without_activity_has_no_lines_and_carries_the_balance_through()
    {
        var august = await _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, 2026, 8);
        var december = await _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, 2026, 12);

        Assert.Equal((0m, 0, 0m), (august.OpeningBalance, august.Lines.Count, august.ClosingBalance));
        Assert.Equal((125m, 0, 125m), (december.OpeningBalance, december.Lines.Count, december.ClosingBalance));
    }

    [Theory]
    [InlineData(2026, 0, "month")]
    [InlineData(2026, 13, "month")]
    [InlineData(1999, 5, "year")]
    public async Task An_impossible_month_is_rejected(int year, int month, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _h.Customers.GetStatementAsync(DomainHarness.Staff, _customer.Id, year, month));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task A_customer_user_sees_only_their_own_statement()
    {
        var other = await _h.CreateCustomerAsync("Mohan Verma");

        Assert.Equal(_customer.Id, (await _h.Customers.GetStatementAsync(DomainHarness.Customer(_customer.Id), _customer.Id, 2026, 10)).CustomerId);
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Customers.GetStatementAsync(DomainHarness.Customer(other.Id), _customer.Id, 2026, 10));
    }
}
