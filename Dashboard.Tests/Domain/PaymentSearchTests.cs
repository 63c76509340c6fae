using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class PaymentSearchTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private Customer _asha = null!;
    private Customer _bala = null!;

    public async Task InitializeAsync()
    {
        _h = await DomainHarness.StartAsync();
        _asha = await _h.CreateCustomerAsync("Asha Iyer", route: "North");
        _bala = await _h.CreateCustomerAsync("Bala Murthy", route: "South");
        var today = _h.Today;
        await PayAsync(_asha.Id, 100m, today, "CASH");
        await PayAsync(_asha.Id, 9m, today, "MOBILE");
        await PayAsync(_bala.Id, 25.50m, today, "BANK");
        await PayAsync(_bala.Id, 40m, today.AddDays(-1), "CASH");
        await PayAsync(_asha.Id, 70m, today.AddDays(-7), "CASH");
    }

    // A minute apart (the same business day), so "recorded last" is well defined.
    private async Task PayAsync(Guid customerId, decimal amount, DateOnly date, string method)
    {
        _h.Time.Set(_h.Time.GetUtcNow().AddMinutes(1));
        await _h.PayAsync(customerId, amount, date, method);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<PaymentPage> Search(PaymentSearch search, Actor? actor = null) => _h.Payments.SearchAsync(actor ?? DomainHarness.Staff, search);

    [Fact]
    public async Task One_day_gives_that_days_payments_newest_first_with_their_count_and_sum()
    {
        var page = await Search(new PaymentSearch(_h.Today, _h.Today));
        Assert.Equal([25.50m, 9m, 100m], page.Items.Select(p => p.Amount));
        Assert.Equal((3, 134.50m), (page.Total, page.TotalAmount));
        Assert.Equal(["Bala Murthy", "Asha Iyer", "Asha Iyer"], page.Items.Select(p => p.CustomerName));
    }

    [Fact]
    public async Task Method_customer_and_search_text_narrow_the_set_and_its_totals()
    {
        var cash = await Search(new PaymentSearch(_h.Today.AddDays(-7), _h.Today, Method: "cash"));
        Assert.Equal((3, 210m), (cash.Total, cash.TotalAmount));
        var asha = await Search(new PaymentSearch(CustomerId: _asha.Id));
        Assert.Equal((3, 179m), (asha.Total, asha.TotalAmount));
        var south = await Search(new PaymentSearch(Search: "sout"));
        Assert.Equal((2, 65.50m), (south.Total, south.TotalAmount));
        var byName = await Search(new PaymentSearch(From: _h.Today, Search: "murthy"));
        Assert.Equal([25.50m], byName.Items.Select(p => p.Amount));
        var none = await Search(new PaymentSearch(Search: "100%"));
        Assert.Equal((0, 0m), (none.Total, none.TotalAmount));
    }

    [Fact]
    public async Task Pages_hold_the_whole_sets_totals_and_sorting_by_amount_compares_numbers()
    {
        var first = await Search(new PaymentSearch(PageSize: 2, Sort: PaymentSort.Amount, Descending: false));
        var second = await Search(new PaymentSearch(Page: 2, PageSize: 2, Sort: PaymentSort.Amount, Descending: false));
        var third = await Search(new PaymentSearch(Page: 3, PageSize: 2, Sort: PaymentSort.Amount, Descending: false));
        Assert.Equal([9m, 25.50m, 40m, 70m, 100m], first.Items.Concat(second.Items).Concat(third.Items).Select(p => p.Amount));
        Assert.All([first, second, third], p => Assert.Equal((5, 244.50m), (p.Total, p.TotalAmount)));
    }

    [Fact]
    public async Task Payments_sort_by_customer_method_and_date_either_way()
    {
        var byCustomer = await Search(new PaymentSearch(Sort: PaymentSort.Customer, Descending: true));
        Assert.Equal(["Bala Murthy", "Bala Murthy", "Asha Iyer", "Asha Iyer", "Asha Iyer"], byCustomer.Items.Select(p => p.CustomerName));
        var byMethod = await Search(new PaymentSearch(_h.Today, _h.Today, Sort: PaymentSort.Method, Descending: false));
        Assert.Equal([PaymentMethod.Bank, PaymentMethod.Cash, PaymentMethod.Mobile], byMethod.Items.Select(p => p.Method));
        var oldest = await Search(new PaymentSearch(Sort: PaymentSort.Date, Descending: false, PageSize: 1));
        Assert.Equal(70m, oldest.Items.Single().Amount);
    }

    [Theory]
    [InlineData(0, 25, null, null, "page")]
    [InlineData(1, 0, null, null, "pageSize")]
    [InlineData(1, 501, null, null, "pageSize")]
    [InlineData(1, 25, "balance", null, "sort")]
    [InlineData(1, 25, null, "PAYTM", "method")]
    public async Task A_bad_search_is_rejected_with_the_field_named(int page, int pageSize, string? sort, string? method, string field)
    {
        var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => Search(new PaymentSearch(Method: method, Page: page, PageSize: pageSize, Sort: sort)));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task From_after_to_is_rejected() =>
        Assert.Equal(["to"], (await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => Search(new PaymentSearch(_h.Today, _h.Today.AddDays(-1))))).Errors.Keys);

    [Fact]
    public async Task A_customer_sees_only_their_own_payments_and_totals_and_may_not_ask_for_another()
    {
        var own = await Search(new PaymentSearch(), DomainHarness.Customer(_bala.Id));
        Assert.Equal((2, 65.50m), (own.Total, own.TotalAmount));
        Assert.All(own.Items, p => Assert.Equal(_bala.Id, p.CustomerId));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Search(new PaymentSearch(CustomerId: _asha.Id), DomainHarness.Customer(_bala.Id)));
    }

    [Fact]
    public async Task A_delivery_agent_may_not_list_payments() =>
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Search(new PaymentSearch(), DomainHarness.Delivery));
}
