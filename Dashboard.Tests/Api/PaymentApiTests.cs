using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class PaymentApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private DateOnly Today => app.Today;

    [Fact]
    public async Task A_payment_is_written_logged_and_counted_in_the_day_collection()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Payer Priya");
        var before = await ApiAssert.Json(await admin.GetAsync("/api/v1/stats"));

        var payment = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments",
            new { customerId = customer, amount = 250.50, method = "CASH", paymentDate = Today, note = "November" }), HttpStatusCode.Created);
        Assert.Equal("CASH", payment.GetProperty("method").GetString());
        Assert.Equal("Payer Priya", payment.GetProperty("customerName").GetString());

        await using var db = app.Db();
        var id = payment.GetProperty("id").GetGuid();
        Assert.Equal(250.50m, (await db.Payments.SingleAsync(p => p.Id == id)).Amount);
        var after = await ApiAssert.Json(await admin.GetAsync("/api/v1/stats"));
        Assert.Equal(before.Decimal("totalCollection") + 250.50m, after.Decimal("totalCollection"));
        var activity = await ApiAssert.Json(await admin.GetAsync("/api/v1/activity?limit=5"));
        Assert.Contains(activity.EnumerateArray(), a => a.GetProperty("entityId").GetString() == id.ToString() && a.GetProperty("channel").GetString() == "api");
    }

    [Theory]
    [InlineData(0, "CASH", "amount")]
    [InlineData(-5, "CASH", "amount")]
    [InlineData(10.005, "CASH", "amount")]
    [InlineData(10, "PAYTM", "method")]
    [InlineData(10, "", "method")]
    public async Task An_invalid_payment_gets_400_and_nothing_is_written(double amount, string method, string field)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Invalid payment " + field);
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount, method }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customer));
        Assert.False(await db.Activity.AnyAsync(a => a.CustomerId == customer && a.Action == "payment.added"));
    }

    [Fact]
    public async Task A_payment_in_the_future_or_for_an_unknown_customer_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Not yet");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 10, method = "BANK", paymentDate = Today.AddDays(2) }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = Guid.NewGuid(), amount = 10, method = "BANK" }),
            HttpStatusCode.NotFound, "NOT_FOUND");
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customer));
    }

    [Fact]
    public async Task A_payment_dated_far_back_is_refused_until_its_date_is_confirmed()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Typo Tanvi");
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments",
            new { customerId = customer, amount = 10, method = "UPI", paymentDate = Today.AddDays(-300) }), HttpStatusCode.BadRequest, "CONFIRMATION_REQUIRED");
        Assert.Contains("300 days ago", problem.GetProperty("errors").GetProperty("paymentDate")[0].GetString());
        await using (var db = app.Db())
        {
            Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customer));
        }

        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments",
            new { customerId = customer, amount = 10, method = "UPI", paymentDate = Today.AddDays(-300), confirmBackdated = true }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments",
            new { customerId = customer, amount = 10, method = "UPI", paymentDate = Today.AddDays(-7) }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Payments_are_listed_by_date_range_customer_and_method()
    {
        using var admin = await app.AdminClientAsync();
        var a = await ApiScenario.CreateCustomerAsync(admin, "List A");
        var b = await ApiScenario.CreateCustomerAsync(admin, "List B");
        await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = a, amount = 10, method = "CASH", paymentDate = Today.AddDays(-10), confirmBackdated = true });
        await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = a, amount = 20, method = "MOBILE", paymentDate = Today.AddDays(-2) });
        await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = b, amount = 30, method = "MOBILE", paymentDate = Today.AddDays(-2) });

        var forA = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={a}&from={Today.AddDays(-5):yyyy-MM-dd}&to={Today:yyyy-MM-dd}"));
        Assert.Equal([20m], forA.EnumerateArray().Select(p => p.Decimal("amount")));
        var mobile = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?method=MOBILE&from={Today.AddDays(-2):yyyy-MM-dd}&to={Today.AddDays(-2):yyyy-MM-dd}"));
        Assert.Equal(2, mobile.EnumerateArray().Count(p => p.GetProperty("customerId").GetGuid() == a || p.GetProperty("customerId").GetGuid() == b));
        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/payments?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Upi_and_cheque_are_methods_and_an_unknown_one_is_refused_naming_every_method()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Method Meena");
        foreach (var (method, amount) in new[] { ("UPI", 40m), ("cheque", 500m) })
        {
            var paid = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount, method }), HttpStatusCode.Created);
            Assert.Equal(method.ToUpperInvariant(), paid.GetProperty("method").GetString());
        }

        var upi = await ApiAssert.Json(await admin.GetAsync($"/api/v1/payments?customerId={customer}&method=UPI"));
        Assert.Equal([40m], upi.EnumerateArray().Select(p => p.Decimal("amount")));
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 5, method = "PAYTM" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal("The method must be one of CASH, MOBILE, BANK, UPI, CHEQUE.", problem.GetProperty("errors").GetProperty("method")[0].GetString());

        await using var db = app.Db();
        Assert.Equal([Dashboard.Domain.Payments.PaymentMethod.Upi, Dashboard.Domain.Payments.PaymentMethod.Cheque],
            await db.Payments.Where(p => p.CustomerId == customer).OrderBy(p => p.Amount).Select(p => p.Method).ToListAsync());
    }
}
