using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_customer_reads_their_own_balance_but_not_another_customers()
    {
        var mine = await _h.CreateCustomerAsync("Lakshmi Rao");
        var theirs = await _h.CreateCustomerAsync("Mohan Verma");
        var me = DomainHarness.Customer(mine.Id);

        Assert.Equal(mine.Id, (await _h.Customers.GetBalanceAsync(me, mine.Id)).CustomerId);
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Customers.GetBalanceAsync(me, theirs.Id));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Customers.GetLedgerAsync(me, theirs.Id));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => _h.Customers.GetAsync(me, theirs.Id));
    }

    [Fact]
    public async Task A_customer_cannot_record_a_payment_even_for_themselves()
    {
        var mine = await _h.CreateCustomerAsync();
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            _h.Payments.AddAsync(DomainHarness.Customer(mine.Id), new AddPayment(mine.Id, 100m, "MOBILE", null, null)));
    }

    [Fact]
    public async Task A_delivery_agent_may_add_cash_payments()
    {
        var customer = await _h.CreateCustomerAsync();
        var before = await _h.CountRowsAsync();

        var payment = await _h.Payments.AddAsync(DomainHarness.Delivery, new AddPayment(customer.Id, 120m, "CASH", null, "on the route"));

        Assert.Equal((PaymentMethod.Cash, "Ramesh Agent", _h.Today), (payment.Method, payment.RecordedBy, payment.PaymentDate));
        Assert.Equal(before with { Payments = before.Payments + 1, Activity = before.Activity + 1 }, await _h.CountRowsAsync());
    }

    [Theory]
    [InlineData("MOBILE")]
    [InlineData("BANK")]
    public async Task A_delivery_agent_may_not_add_other_payments_and_nothing_is_written(string method)
    {
        var customer = await _h.CreateCustomerAsync();
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            _h.Payments.AddAsync(DomainHarness.Delivery, new AddPayment(customer.Id, 120m, method, null, null)));
    }

    [Fact]
    public async Task A_delivery_agent_cannot_create_customers_and_nothing_is_written() =>
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            _h.Customers.CreateAsync(DomainHarness.Delivery, new CreateCustomer("Lakshmi Rao", null, null, null, 1m, 60m, true)));
}
