using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Orders;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// One-off orders over REST: who may place, move and cancel them, each transition from the statuses it is allowed
/// from only, bad input refused with nothing written, and a delivered order billed to the customer.
/// </summary>
public sealed class OrderApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_customer_orders_for_themselves_at_todays_prices_and_sees_only_their_own_orders()
    {
        var s = await SceneAsync();
        var placed = await ApiAssert.Json(await s.Customer.PostAsJsonAsync("/api/v1/orders",
            new { items = new[] { new { productId = s.Curd, quantity = 2 }, new { productId = s.Ghee, quantity = 1 }, new { productId = s.Curd, quantity = 1 } }, note = "at the back door" }),
            HttpStatusCode.Created);

        Assert.Equal(("placed", s.CustomerId, 740m), (placed.GetProperty("status").GetString(), placed.GetProperty("customerId").GetGuid(), placed.GetProperty("total").GetDecimal()));
        Assert.Equal([3m, 1m], placed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("quantity").GetDecimal()));
        Assert.Equal(app.Today.AddDays(1), DateOnly.Parse(placed.GetProperty("deliveryDate").GetString()!));
        var step = Assert.Single(placed.GetProperty("timeline").EnumerateArray());
        Assert.Equal(("placed", "api"), (step.GetProperty("status").GetString(), step.GetProperty("channel").GetString()));

        await ApiAssert.Problem(await s.Customer.PostAsJsonAsync("/api/v1/orders", new { customerId = s.OtherId, items = new[] { new { productId = s.Curd, quantity = 1 } } }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        var id = placed.GetProperty("id").GetGuid();
        await ApiAssert.Json(await s.Customer.GetAsync($"/api/v1/orders/{id}"));
        await ApiAssert.Problem(await s.Other.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        var theirs = await ApiAssert.Json(await s.Other.GetAsync("/api/v1/orders"));
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        await using var db = app.Db();
        Assert.Equal(0, await db.Orders.CountAsync(o => o.CustomerId == s.OtherId));
    }

    [Fact]
    public async Task Placed_confirmed_assigned_out_delivered_each_by_its_role_and_the_delivered_order_is_billed()
    {
        var s = await SceneAsync();
        var id = await PlaceAsync(s.Admin, s, quantity: 2, date: app.Today);

        await ApiAssert.Json(await s.Staff.PostAsync($"/api/v1/orders/{id}/confirm", null));
        var assigned = await ApiAssert.Json(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId = s.AgentId }));
        Assert.Equal((s.AgentId, "confirmed"), (assigned.GetProperty("agentId").GetString(), assigned.GetProperty("status").GetString()));
        await ApiAssert.Json(await s.Agent.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
        var delivered = await ApiAssert.Json(await s.Agent.PostAsJsonAsync($"/api/v1/orders/{id}/deliver", new { version = 4 }));

        Assert.Equal(["placed", "confirmed", "confirmed", "out_for_delivery", "delivered"],
            delivered.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        var balance = await ApiAssert.Json(await s.Admin.GetAsync($"/api/v1/customers/{s.CustomerId}/balance"));
        Assert.Equal((60m, 60m), (balance.GetProperty("billed").GetDecimal(), balance.GetProperty("balance").GetDecimal()));
        var ledger = await ApiAssert.Json(await s.Customer.GetAsync($"/api/v1/customers/{s.CustomerId}/ledger"));
        var line = Assert.Single(ledger.GetProperty("lines").EnumerateArray());
        Assert.StartsWith("Order #", line.GetProperty("description").GetString());
        Assert.Equal(60m, line.GetProperty("debit").GetDecimal());
        await using var db = app.Db();
        Assert.Equal(5, await db.Activity.CountAsync(a => a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task A_transition_not_allowed_now_is_409_one_not_allowed_to_the_caller_403_and_neither_writes()
    {
        var s = await SceneAsync();
        var id = await PlaceAsync(s.Customer, s, quantity: 1, date: app.Today);

        await ApiAssert.Problem(await s.Customer.PostAsync($"/api/v1/orders/{id}/confirm", null), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await s.Agent.PostAsync($"/api/v1/orders/{id}/confirm", null), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await s.Agent.PostAsync($"/api/v1/orders/{id}/deliver", null), HttpStatusCode.Forbidden, "FORBIDDEN"); // not theirs
        await ApiAssert.Problem(await s.Staff.PostAsync($"/api/v1/orders/{id}/deliver", null), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Json(await s.Staff.PostAsync($"/api/v1/orders/{id}/confirm", null));
        await ApiAssert.Problem(await s.Staff.PostAsync($"/api/v1/orders/{id}/confirm", null), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await s.Staff.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null), HttpStatusCode.Conflict, "CONFLICT"); // no agent
        await ApiAssert.Problem(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId = s.StaffId }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Json(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId = s.AgentId }));
        await ApiAssert.Problem(await s.Agent.PostAsJsonAsync($"/api/v1/orders/{id}/out-for-delivery", new { version = 1 }), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Json(await s.Agent.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
        await ApiAssert.Problem(await s.Customer.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "changed my mind" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await s.Agent.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "no one home" }), HttpStatusCode.Forbidden, "FORBIDDEN");

        await using (var db = app.Db())
        {
            var row = await db.Orders.SingleAsync(o => o.Id == id);
            Assert.Equal((OrderStatus.OutForDelivery, 4), (row.Status, row.Version));
            Assert.Equal(4, await db.Activity.CountAsync(a => a.EntityId == id.ToString()));
        }

        await ApiAssert.Problem(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var cancelled = await ApiAssert.Json(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "van broke down" }));
        Assert.Equal(("cancelled", "van broke down"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString()));
        await ApiAssert.Problem(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "again" }), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await s.Agent.PostAsync($"/api/v1/orders/{id}/deliver", null), HttpStatusCode.Conflict, "CONFLICT");
        var balance = await ApiAssert.Json(await s.Admin.GetAsync($"/api/v1/customers/{s.CustomerId}/balance"));
        Assert.Equal(0m, balance.GetProperty("billed").GetDecimal());
    }

    [Fact]
    public async Task A_customer_cancels_their_own_order_before_it_is_on_its_way()
    {
        var s = await SceneAsync();
        var id = await PlaceAsync(s.Customer, s, quantity: 1, date: null);
        await ApiAssert.Problem(await s.Other.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "not mine" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        var cancelled = await ApiAssert.Json(await s.Customer.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "away this week" }));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"items\":[]}", "items")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\",\"quantity\":0}]}", "items[0].quantity")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\",\"quantity\":5000}]}", "items[0].quantity")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\"}]}", "items[0].quantity")]
    [InlineData("{\"items\":[{\"productId\":\"{unknown}\",\"quantity\":1}]}", "items[0].productId")]
    [InlineData("{\"items\":[{\"productId\":\"{old}\",\"quantity\":1}]}", "items[0].productId")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\",\"quantity\":1}],\"deliveryDate\":\"{yesterday}\"}", "deliveryDate")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\",\"quantity\":1}],\"deliveryDate\":\"{far}\"}", "deliveryDate")]
    [InlineData("{\"items\":[{\"productId\":\"{curd}\",\"quantity\":1}],\"note\":\"bell\\u0007\"}", "note")]
    public async Task Bad_order_input_is_400_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var s = await SceneAsync();
        var json = body.Replace("{curd}", s.Curd.ToString()).Replace("{old}", s.Withdrawn.ToString()).Replace("{unknown}", Guid.NewGuid().ToString())
            .Replace("{yesterday}", app.Today.AddDays(-1).ToString("yyyy-MM-dd")).Replace("{far}", app.Today.AddDays(8).ToString("yyyy-MM-dd"));

        var response = await s.Customer.PostAsync("/api/v1/orders", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Orders.AnyAsync(o => o.CustomerId == s.CustomerId));
    }

    [Fact]
    public async Task An_agent_lists_and_reads_only_the_orders_assigned_to_them()
    {
        var s = await SceneAsync();
        var mine = await PlaceAsync(s.Admin, s, quantity: 1, date: app.Today);
        var notMine = await PlaceAsync(s.Admin, s, quantity: 2, date: app.Today);
        await ApiAssert.Json(await s.Admin.PostAsJsonAsync($"/api/v1/orders/{mine}/assign", new { agentId = s.AgentId }));

        var listed = await ApiAssert.Json(await s.Agent.GetAsync("/api/v1/orders"));
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        await ApiAssert.Problem(await s.Agent.GetAsync($"/api/v1/orders/{notMine}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await s.Agent.GetAsync($"/api/v1/orders?agentId={s.StaffId}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        var all = await ApiAssert.Json(await s.Staff.GetAsync($"/api/v1/orders?customerId={s.CustomerId}&status=placed"));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    private sealed record Scene(HttpClient Admin, HttpClient Staff, HttpClient Customer, HttpClient Other, HttpClient Agent,
        Guid CustomerId, Guid OtherId, string AgentId, string StaffId, Guid Curd, Guid Ghee, Guid Withdrawn);

    private async Task<Scene> SceneAsync()
    {
        var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customerId = await ApiScenario.CreateCustomerAsync(admin, $"Orderer {tag}");
        var otherId = await ApiScenario.CreateCustomerAsync(admin, $"Neighbour {tag}");
        var curd = await ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var ghee = await ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 650m);
        var withdrawn = await ApiScenario.CreateProductAsync(admin, $"Old {tag}", 10m);
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{withdrawn}", new { isActive = false }));
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", customerId);
        var (otherEmail, otherPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", otherId);
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");
        var (staffId, staffEmail, staffPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Staff");
        return new Scene(admin, await app.ClientAsync(staffEmail, staffPassword), await app.ClientAsync(customerEmail, customerPassword),
            await app.ClientAsync(otherEmail, otherPassword), await app.ClientAsync(agentEmail, agentPassword),
            customerId, otherId, agentId, staffId, curd, ghee, withdrawn);
    }

    private static async Task<Guid> PlaceAsync(HttpClient client, Scene s, int quantity, DateOnly? date)
    {
        var body = new Dictionary<string, object?> { ["items"] = new[] { new { productId = s.Curd, quantity } } };
        if (client == s.Admin)
        {
            body["customerId"] = s.CustomerId;
        }

        if (date is { } d)
        {
            body["deliveryDate"] = d;
        }

        var order = await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/orders", body), HttpStatusCode.Created);
        return order.GetProperty("id").GetGuid();
    }
}
