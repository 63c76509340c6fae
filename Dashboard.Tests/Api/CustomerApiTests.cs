using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class CustomerApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Creating_a_customer_writes_the_row_and_returns_it_with_its_location()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.EnsureRouteAsync(admin, "South");
        var response = await admin.PostAsJsonAsync("/api/v1/customers",
            new { name = "  Meera Iyer ", phone = "+91 98860 12345", address = "12 Lake Road", route = "South", defaultQuantity = 2, pricePerLiter = 58.5 });
        var json = await ApiAssert.Json(response, HttpStatusCode.Created);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/customers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Meera Iyer", json.GetProperty("name").GetString());

        await using var db = app.Db();
        var row = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(58.5m, row.PricePerLiter);
        Assert.True(row.IsActive);
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "customer.created" && a.Channel == Channel.Api));
    }

    [Theory]
    [InlineData("{\"phone\":\"1\",\"defaultQuantity\":1,\"pricePerLiter\":50}", "name")]
    [InlineData("{\"name\":\"X\",\"defaultQuantity\":1,\"pricePerLiter\":0}", "pricePerLiter")]
    [InlineData("{\"name\":\"X\",\"defaultQuantity\":-1,\"pricePerLiter\":50}", "defaultQuantity")]
    [InlineData("{\"name\":\"X\",\"phone\":\"call me\",\"defaultQuantity\":1,\"pricePerLiter\":50}", "phone")]
    public async Task An_invalid_customer_gets_400_with_the_field_and_nothing_is_written(string body, string field)
    {
        using var admin = await app.AdminClientAsync();
        var before = await CountAsync();
        var response = await admin.PostAsync("/api/v1/customers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Malformed_json_gets_400_validation_failed_not_a_500()
    {
        using var admin = await app.AdminClientAsync();
        var before = await CountAsync();
        var response = await admin.PostAsync("/api/v1/customers", new StringContent("{\"name\": \"X\", \"pricePerLiter\": \"sixty\"}", System.Text.Encoding.UTF8, "application/json"));
        await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Search_and_paging_find_customers_by_name_phone_or_route()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            await ApiScenario.CreateCustomerAsync(admin, $"Paging {tag} {i}", route: $"Route-{tag}");
        }

        var page = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers?search={tag}&page=2&pageSize=2"));
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        var names = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal([$"Paging {tag} 2", $"Paging {tag} 3"], names);

        var byRoute = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers?route=Route-{tag}&pageSize=50"));
        Assert.Equal(5, byRoute.GetProperty("items").GetArrayLength());
        await ApiAssert.Problem(await admin.GetAsync("/api/v1/customers?pageSize=0"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Updating_a_customer_changes_only_the_given_fields_and_a_stale_version_conflicts()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Ravi Kumar", price: 55);
        var updated = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { pricePerLiter = 62, version = 1 }));
        Assert.Equal(62m, updated.Decimal("pricePerLiter"));
        Assert.Equal("Ravi Kumar", updated.GetProperty("name").GetString());
        Assert.Equal(2, updated.GetProperty("version").GetInt32());

        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { pricePerLiter = 70, version = 1 }), HttpStatusCode.Conflict, "CONFLICT");
        await using var db = app.Db();
        Assert.Equal(62m, (await db.Customers.SingleAsync(c => c.Id == id)).PricePerLiter);
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/customers/{Guid.NewGuid()}", new { name = "X" }), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Balance_and_ledger_follow_deliveries_and_payments()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Ledger Lata", price: 60);
        var today = app.Today;
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = today.AddDays(-2), quantity = 2 }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = today.AddDays(-1), quantity = 1.25 }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 100, method = "MOBILE", paymentDate = today.AddDays(-1) }), HttpStatusCode.Created);

        var balance = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{id}/balance"));
        Assert.Equal(195.00m, balance.Decimal("billed"));
        Assert.Equal(100m, balance.Decimal("paid"));
        Assert.Equal(95.00m, balance.Decimal("balance"));

        var ledger = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{id}/ledger"));
        var running = ledger.GetProperty("lines").EnumerateArray().Select(l => l.Decimal("runningBalance")).ToList();
        Assert.Equal([120m, 195.00m, 95.00m], running);
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.Db();
        return await db.Customers.CountAsync() + await db.Activity.CountAsync();
    }
}
