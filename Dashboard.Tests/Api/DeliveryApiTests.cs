using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class DeliveryApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private DateOnly Today => app.Today;

    [Fact]
    public async Task Recording_a_delivery_uses_the_customer_price_and_defaults_to_delivered()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Deepa", price: 64);
        var response = await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 1.5 });
        var entry = await ApiAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal(96m, entry.Decimal("amount"));
        Assert.Equal("delivered", entry.GetProperty("status").GetString());

        var id = entry.GetProperty("id").GetGuid();
        await using var db = app.Db();
        var row = await db.DailyEntries.SingleAsync(e => e.Id == id);
        Assert.Equal((64m, DeliveryStatus.Delivered), (row.PricePerLiter, row.Status));
        var fetched = await ApiAssert.Json(await admin.GetAsync(response.Headers.Location!.OriginalString));
        Assert.Equal(id, fetched.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Recording_again_for_the_same_day_updates_that_entry_with_its_version_instead_of_duplicating_it()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Once A Day");
        var first = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 1 }), HttpStatusCode.Created);
        var second = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries",
            new { customerId = customer, date = Today, quantity = 2, status = "delivered", version = first.GetProperty("version").GetInt32() }));
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        await using var db = app.Db();
        Assert.Equal((2m, 2), await db.DailyEntries.Where(e => e.CustomerId == customer).Select(e => ValueTuple.Create(e.Quantity, e.Version)).SingleAsync());
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Staff")]
    [InlineData("Delivery")]
    public async Task Recording_over_an_entry_already_recorded_without_its_current_version_is_a_conflict_for_every_role(string role)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Recorded " + role);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, role);
        using var client = await app.ClientAsync(email, password);
        var first = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 1 }), HttpStatusCode.Created);
        var corrected = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{first.GetProperty("id").GetGuid()}", new { quantity = 1.5, version = 1 }));
        Assert.Equal(2, corrected.GetProperty("version").GetInt32());

        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 0.5 }),
            HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 0.5, version = 1 }),
            HttpStatusCode.Conflict, "CONFLICT");
        await using (var db = app.Db())
        {
            Assert.Equal((1.5m, 2), await db.DailyEntries.Where(e => e.CustomerId == customer).Select(e => ValueTuple.Create(e.Quantity, e.Version)).SingleAsync());
        }

        var updated = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 0.5, version = 2 }));
        Assert.Equal((0.5m, 3), (updated.GetProperty("quantity").GetDecimal(), updated.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Recording_over_the_day_sheets_pending_entry_fills_it_in_without_a_version()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Pending Fill");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var agent = await app.ClientAsync(email, password);
        var pending = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 1, status = "pending" }),
            HttpStatusCode.Created);

        var filled = await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 1.5 }));
        Assert.Equal(pending.GetProperty("id").GetGuid(), filled.GetProperty("id").GetGuid());
        Assert.Equal(("delivered", 2), (filled.GetProperty("status").GetString(), filled.GetProperty("version").GetInt32()));
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity = 9 }),
            HttpStatusCode.Conflict, "CONFLICT");
        await using var db = app.Db();
        Assert.Equal(1.5m, (await db.DailyEntries.SingleAsync(e => e.CustomerId == customer)).Quantity);
    }

    [Theory]
    [InlineData(-1, null, "quantity")]
    [InlineData(150, null, "quantity")]
    [InlineData(1, "lost", "status")]
    public async Task An_invalid_delivery_gets_400_and_nothing_is_written(double quantity, string? status, string field)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Invalid " + field);
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today, quantity, status }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        await using var db = app.Db();
        Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == customer));
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_customer_or_in_the_future_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = Guid.NewGuid(), date = Today, quantity = 1 }),
            HttpStatusCode.NotFound, "NOT_FOUND");
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Future");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = Today.AddDays(3), quantity = 1 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await using var db = app.Db();
        Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == customer));
    }

    [Fact]
    public async Task Patching_an_entry_recomputes_the_amount_and_lists_by_date()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Patchy", price: 60);
        var date = Today.AddDays(-3);
        var entry = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date, quantity = 1 }), HttpStatusCode.Created);
        var id = entry.GetProperty("id").GetGuid();

        var patched = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { quantity = 2.5, pricePerLiter = 61.1 }));
        Assert.Equal(152.75m, patched.Decimal("amount"));
        await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { status = "gone" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{Guid.NewGuid()}", new { quantity = 1 }), HttpStatusCode.NotFound, "NOT_FOUND");

        var day = await ApiAssert.Json(await admin.GetAsync($"/api/v1/deliveries?date={date:yyyy-MM-dd}"));
        Assert.Contains(day.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id && e.Decimal("amount") == 152.75m);
    }

    [Fact]
    public async Task Generating_the_day_sheet_creates_pending_entries_once()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Sheet One", quantity: 1);
        await ApiScenario.CreateCustomerAsync(admin, "Sheet Two", quantity: 2);
        var date = Today.AddDays(1);
        var first = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date }));
        Assert.True(first.GetProperty("created").GetInt32() >= 2);
        var second = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date }));
        Assert.Equal(0, second.GetProperty("created").GetInt32());

        await using var db = app.Db();
        var rows = await db.DailyEntries.Where(e => e.Date == date).ToListAsync();
        Assert.Equal(first.GetProperty("created").GetInt32(), rows.Count);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Pending, r.Status));
    }
}
