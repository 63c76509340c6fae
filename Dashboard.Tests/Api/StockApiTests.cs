using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>Stock over REST: receipts and adjustments, the refusal to book below zero, and the stock that deliveries take by themselves.</summary>
public sealed class StockApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Receipts_and_adjustments_move_the_level_and_one_below_zero_is_400_on_quantity_with_nothing_written()
    {
        using var admin = await app.AdminClientAsync();
        var paneer = await CreateProductAsync(admin, $"Paneer {Tag()}", minStock: 10);

        var received = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts",
            new { productId = paneer, quantity = 24, supplier = "Nandini dairy", cost = 1800.50 }), HttpStatusCode.Created);
        Assert.Equal((24m, "receipt", "Nandini dairy", 1800.50m), (received.GetProperty("level").Decimal("quantity"),
            received.GetProperty("movement").GetProperty("kind").GetString(), received.GetProperty("movement").GetProperty("supplier").GetString(),
            received.GetProperty("movement").Decimal("cost")));
        Assert.Equal(JsonValueKind.Null, received.GetProperty("level").GetProperty("severity").ValueKind);

        var spoiled = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/adjustments",
            new { productId = paneer, quantity = -19, reason = "Spoilage: fridge failed" }), HttpStatusCode.Created);
        Assert.Equal((5m, "high"), (spoiled.GetProperty("level").Decimal("quantity"), spoiled.GetProperty("level").GetProperty("severity").GetString()));

        await using var db = app.Db();
        var movements = await db.StockMovements.CountAsync();
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/stock/adjustments",
            new { productId = paneer, quantity = -6, reason = "Return" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("below zero", problem.GetProperty("errors").GetProperty("quantity")[0].GetString());
        var noReason = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/stock/adjustments", new { productId = paneer, quantity = 2 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = paneer, quantity = -1 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(movements, await db.StockMovements.CountAsync());

        var level = (await ApiAssert.Json(await admin.GetAsync("/api/v1/stock"))).EnumerateArray().Single(l => l.GetProperty("product").GetProperty("id").GetGuid() == paneer);
        Assert.Equal((5m, 10m, "high"), (level.Decimal("quantity"), level.Decimal("minStock"), level.GetProperty("severity").GetString()));
        var history = await ApiAssert.Json(await admin.GetAsync($"/api/v1/stock/movements?productId={paneer}"));
        Assert.Equal([("adjustment", -19m, 5m), ("receipt", 24m, 24m)],
            history.EnumerateArray().Select(m => (m.GetProperty("kind").GetString(), m.Decimal("quantity"), m.Decimal("balance"))));
        Assert.Equal(["stock.received", "stock.adjusted"],
            await db.Activity.Where(a => a.EntityType == "product" && a.EntityId == paneer.ToString() && a.Action.StartsWith("stock."))
                .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task A_delivered_order_takes_its_items_out_of_stock_and_the_history_names_the_order()
    {
        using var admin = await app.AdminClientAsync();
        var curd = await CreateProductAsync(admin, $"Curd {Tag()}", minStock: 5);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = curd, quantity = 8 }), HttpStatusCode.Created);
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Stock orderer {Tag()}");
        var (agentId, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");

        var order = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = curd, quantity = 3 } }, deliveryDate = app.Today }), HttpStatusCode.Created);
        var id = order.GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/confirm", null));
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId }));
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
        Assert.Equal(8m, await OnHandAsync(admin, curd)); // on its way is not yet delivered
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/deliver", null));

        var level = (await ApiAssert.Json(await admin.GetAsync("/api/v1/stock"))).EnumerateArray().Single(l => l.GetProperty("product").GetProperty("id").GetGuid() == curd);
        Assert.Equal((5m, JsonValueKind.Null), (level.Decimal("quantity"), level.GetProperty("severity").ValueKind)); // exactly the minimum: not low
        var latest = (await ApiAssert.Json(await admin.GetAsync($"/api/v1/stock/movements?productId={curd}&limit=1"))).EnumerateArray().Single();
        Assert.Equal(("order", -3m, $"Order #{order.GetProperty("number").GetInt32()}"),
            (latest.GetProperty("kind").GetString(), latest.Decimal("quantity"), latest.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task A_day_sheet_delivery_draws_on_the_daily_milk_product_and_may_take_it_below_zero()
    {
        using var admin = await app.AdminClientAsync();
        var milk = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products",
            new { name = $"Toned milk {Tag()}", unit = "L", price = 56, minStock = 20, dailyMilk = true }), HttpStatusCode.Created));
        Assert.True(milk.GetProperty("isDailyMilk").GetBoolean());
        var milkId = milk.GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = milkId, quantity = 1.5 }), HttpStatusCode.Created);
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Milk drinker {Tag()}");

        // The milk left: the delivery is recorded whatever the books say.
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries",
            new { customerId = customer, date = app.Today, quantity = 2.5, status = "delivered" }), HttpStatusCode.Created);
        var level = (await ApiAssert.Json(await admin.GetAsync("/api/v1/stock"))).EnumerateArray().Single(l => l.GetProperty("product").GetProperty("id").GetGuid() == milkId);
        Assert.Equal((-1m, "critical"), (level.Decimal("quantity"), level.GetProperty("severity").GetString()));
    }

    private static async Task<Guid> CreateProductAsync(HttpClient admin, string name, decimal minStock) =>
        (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name, unit = "piece", price = 30, minStock }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private static async Task<decimal> OnHandAsync(HttpClient admin, Guid productId) =>
        (await ApiAssert.Json(await admin.GetAsync("/api/v1/stock"))).EnumerateArray().Single(l => l.GetProperty("product").GetProperty("id").GetGuid() == productId).Decimal("quantity");
}
