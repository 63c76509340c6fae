using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class PaymentRulesTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private Customer _customer = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        _customer = await _h.CreateCustomerAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<Payment> Add(decimal? amount = 100m, string? method = "CASH", DateOnly? date = null, Guid? customerId = null) =>
        _h.Payments.AddAsync(DomainHarness.Staff, new AddPayment(customerId ?? _customer.Id, amount, method, date ?? _h.Today, null));

    [Fact]
    public async Task A_valid_payment_is_written_with_its_activity_row()
    {
        var before = await _h.CountRowsAsync();
        await Add(250.50m, "mobile");
        Assert.Equal(before with { Payments = before.Payments + 1, Activity = before.Activity + 1 }, await _h.CountRowsAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-50")]
    [InlineData("10.005")]
    [InlineData("1000000.01")]
    public async Task A_payment_with_an_invalid_amount_is_rejected_and_nothing_is_written(string amount)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Add(decimal.Parse(amount, CultureInfo.InvariantCulture)));
        Assert.Equal(["amount"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_payment_without_an_amount_is_rejected_and_nothing_is_written()
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Add(amount: null));
        Assert.Equal(["amount"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("PAYTM")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_payment_with_an_unknown_method_is_rejected_and_nothing_is_written(string? method)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Add(method: method));
        Assert.Equal(["method"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_payment_dated_in_the_future_is_rejected_and_nothing_is_written()
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Add(date: _h.Today.AddDays(1)));
        Assert.Equal(["paymentDate"], error.Errors.Keys);
    }

    [Fact]
    public async Task A_payment_for_an_unknown_customer_is_not_found_and_nothing_is_written() =>
        await _h.AssertRejectedAsync(ErrorCodes.NotFound, () => Add(customerId: Guid.NewGuid()));

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(300, true)]
    public async Task A_payment_dated_more_than_7_days_back_is_asked_about_first_and_goes_in_once_confirmed(int daysBack, bool asked)
    {
        var date = _h.Today.AddDays(-daysBack);
        if (!asked)
        {
            Assert.Equal(date, (await Add(date: date)).PaymentDate);
            return;
        }

        // Issue 15: "a payment dated 1999 was accepted silently and vanished from today's list".
        var error = await _h.AssertRejectedAsync(ErrorCodes.ConfirmationRequired, () => Add(date: date));
        Assert.Equal(["paymentDate"], error.Errors.Keys);
        Assert.StartsWith($"{date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} is {daysBack} days ago", error.Message);

        var payment = await _h.Payments.AddAsync(DomainHarness.Staff,
            new AddPayment(_customer.Id, 100m, "CASH", date, null, ConfirmBackdated: true));
        Assert.Equal(date, payment.PaymentDate);
    }

    [Fact]
    public async Task The_window_comes_from_configuration()
    {
        await using var h = await DomainHarness.StartAsync(configure: s =>
            Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<PaymentOptions>(s, o => o.ConfirmDaysBack = 0));
        var customer = await h.CreateCustomerAsync();
        await h.AssertRejectedAsync(ErrorCodes.ConfirmationRequired, () =>
            h.Payments.AddAsync(DomainHarness.Staff, new AddPayment(customer.Id, 10m, "CASH", h.Today.AddDays(-1), null)));
        await h.Payments.AddAsync(DomainHarness.Staff, new AddPayment(customer.Id, 10m, "CASH", h.Today, null));
    }
}
