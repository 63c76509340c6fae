using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

/// <summary>GET /api/v1/payments: the plain array as before, and with page/pageSize one page with the set's totals.</summary>
public sealed class PaymentListingApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private DateOnly Today => app.Today;

    private async Task<Guid> CustomerWithPaymentsAsync(HttpClient admin, string name, params (decimal Amount, string Method, int DaysAgo)[] payments)
    {
        var customer = await ApiScenario.CreateCustomerAsync(admin, name, route: name.Split(' ')[0]);
        foreach (var (amount, method, daysAgo) in payments)
        {
            await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments",
                new { customerId = customer, amount, method, paymentDate = Today.AddDays(-daysAgo), confirmBackdated = true }), HttpStatusCode.Created);
        }

        return customer;
    }

    [Fact]
    public async Task With_page_and_page_size_the_listing_is_one_page_with_the_whole_sets_count_and_amount()
    {
        using var admin = await app.AdminClientAsync();
        var id = await CustomerWithPaymentsAsync(admin, "Paged Padma", (10m, "CASH", 3), (20.25m, "MOBILE", 3), (30m, "CASH", 2), (40m, "BANK", 1));

        var first = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={id}&page=1&pageSize=3"));
        Assert.Equal([40m, 30m, 20.25m], first.GetProperty("items").EnumerateArray().Select(p => p.Decimal("amount")));
        Assert.Equal((4, 100.25m, 1, 3), (first.GetProperty("total").GetInt32(), first.Decimal("totalAmount"),
            first.GetProperty("pageNumber").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        var second = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={id}&page=2&pageSize=3"));
        Assert.Equal([10m], second.GetProperty("items").EnumerateArray().Select(p => p.Decimal("amount")));
        Assert.Equal(100.25m, second.Decimal("totalAmount"));

        var sorted = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={id}&pageSize=10&sort=amount&descending=false"));
        Assert.Equal([10m, 20.25m, 30m, 40m], sorted.GetProperty("items").EnumerateArray().Select(p => p.Decimal("amount")));
    }

    [Fact]
    public async Task The_paged_listing_filters_by_dates_method_and_customer_search()
    {
        using var admin = await app.AdminClientAsync();
        await CustomerWithPaymentsAsync(admin, "Filter Farhan", (11m, "CASH", 5), (12m, "MOBILE", 5), (13m, "CASH", 4));
        var day = Today.AddDays(-5).ToString("yyyy-MM-dd");

        var cashThatDay = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?from={day}&to={day}&method=CASH&search=farhan&page=1"));
        Assert.Equal([11m], cashThatDay.GetProperty("items").EnumerateArray().Select(p => p.Decimal("amount")));
        Assert.Equal((1, 11m), (cashThatDay.GetProperty("total").GetInt32(), cashThatDay.Decimal("totalAmount")));
        var anyMethod = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?from={day}&search=Filter%20Far&pageSize=50"));
        Assert.Equal((3, 36m), (anyMethod.GetProperty("total").GetInt32(), anyMethod.Decimal("totalAmount")));
    }

    [Fact]
    public async Task Without_paging_parameters_the_listing_stays_a_plain_array()
    {
        using var admin = await app.AdminClientAsync();
        var id = await CustomerWithPaymentsAsync(admin, "Plain Prakash", (5m, "CASH", 0), (6m, "BANK", 0));
        var list = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={id}&limit=1"));
        Assert.Equal([6m], list.EnumerateArray().Select(p => p.Decimal("amount")));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=1&sort=balance", "sort")]
    [InlineData("page=1&method=PAYTM", "method")]
    [InlineData("page=1&from=2026-11-02&to=2026-11-01", "to")]
    public async Task A_bad_paged_query_gets_400_with_the_field_named(string query, string field)
    {
        using var admin = await app.AdminClientAsync();
        var problem = await ApiAssert.Problem(await admin.GetAsync($"/api/v1/payments?{query}"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_gets_400()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.GetAsync("/api/v1/payments?page=two"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task A_customer_user_pages_through_their_own_payments_only()
    {
        using var admin = await app.AdminClientAsync();
        var mine = await CustomerWithPaymentsAsync(admin, "Own Omana", (7m, "CASH", 1));
        var other = await CustomerWithPaymentsAsync(admin, "Other Olga", (8m, "CASH", 1));
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", mine);
        using var customer = await app.ClientAsync(email, password);

        var own = await ApiAssert.Json(await customer.GetAsync("/api/v1/payments?page=1&pageSize=10"));
        Assert.Equal((1, 7m), (own.GetProperty("total").GetInt32(), own.Decimal("totalAmount")));
        await ApiAssert.Problem(await customer.GetAsync($"/api/v1/payments?customerId={other}&page=1"), HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
