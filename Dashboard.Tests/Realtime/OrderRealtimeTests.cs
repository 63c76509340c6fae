using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// Orders live, over SignalR and Socket.IO side by side: a customer app places an order and follows it; staff, its agent
/// and the agents of its route hear what concerns them; another customer hears nothing and cannot join its room.
/// </summary>
public sealed class OrderRealtimeTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task A_customer_app_places_and_follows_its_order_and_no_one_else_hears_of_it(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customerA = await ApiScenario.CreateCustomerAsync(admin, $"Follower {tag}", route: $"Lane {tag}");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, $"Bystander {tag}", route: "Elsewhere");
        var product = await ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, "Customer", customerA);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, "Customer", customerB);
        var (routeAgentEmail, routeAgentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: [$"Lane {tag}"]);
        var (otherAgentId, otherAgentEmail, otherAgentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery", routes: ["Elsewhere"]);

        await using var a = await BothTransports.ConnectAsync(app, transport, emailA, passwordA);
        await using var b = await BothTransports.ConnectAsync(app, transport, emailB, passwordB);
        await using var staff = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var routeAgent = await BothTransports.ConnectAsync(app, transport, routeAgentEmail, routeAgentPassword);
        await using var assignee = await BothTransports.ConnectAsync(app, transport, otherAgentEmail, otherAgentPassword);

        var placed = await BothTransports.CallAsync(a, "order:place", new { items = new[] { new { productId = product, quantity = 2 } } });
        Assert.Null(placed.ErrorCode());
        var orderId = placed.GetProperty("id").GetGuid();
        var fresh = await staff.WaitForEventAsync("order:new", e => e.Is("orderId", orderId));
        Assert.Equal((60m, $"Follower {tag}"), (fresh[0].GetProperty("totalAmount").GetDecimal(), fresh[0].GetProperty("customerName").GetString()));
        await staff.WaitForEventAsync("new-order", e => e.Is("orderId", orderId));
        await routeAgent.WaitForEventAsync("order:new", e => e.Is("orderId", orderId));

        Assert.True((await BothTransports.CallAsync(a, "join:order", new { orderId })).GetBoolean());
        Assert.False((await BothTransports.CallAsync(b, "join:order", new { orderId })).GetBoolean());
        Assert.False((await BothTransports.CallAsync(assignee, "join:order", new { orderId })).GetBoolean()); // not theirs yet

        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{orderId}/confirm", null));
        var confirmed = await a.WaitForEventAsync("order:status:update", e => e.Is("orderId", orderId) && e[0].GetProperty("status").GetString() == "confirmed");
        Assert.Contains("confirmed", confirmed[0].GetProperty("message").GetString());
        Assert.Null((await BothTransports.CallAsync(staff, "order:status", new { orderId, status = "confirmed", agentId = otherAgentId })).ErrorCode());
        await assignee.WaitForEventAsync("order:assigned", e => e.Is("orderId", orderId));
        Assert.True((await BothTransports.CallAsync(assignee, "join:order", new { orderId })).GetBoolean());
        Assert.Null((await BothTransports.CallAsync(assignee, "order:status", new { orderId, status = "out_for_delivery" })).ErrorCode());
        await a.WaitForEventAsync("order:status:update", e => e.Is("orderId", orderId) && e[0].GetProperty("status").GetString() == "out_for_delivery");
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(a, "order:cancel", new { orderId, reason = "too late" })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(routeAgent, "order:status", new { orderId, status = "delivered" })).ErrorCode());
        Assert.Null((await BothTransports.CallAsync(assignee, "order:status", new { orderId, status = "delivered" })).ErrorCode());
        await a.WaitForEventAsync("order:status:update", e => e.Is("orderId", orderId) && e[0].GetProperty("status").GetString() == "delivered");
        await a.WaitForEventAsync("balance:updated", e => e.Is("customerId", customerA));

        foreach (var name in new[] { "order:new", "new-order", "order:status:update", "order-status-updated", "order:assigned" })
        {
            await b.AssertNoEventAsync(name, null, name == "order:new" ? Quiet : TimeSpan.Zero);
        }

        await routeAgent.AssertNoEventAsync("order:assigned", null, TimeSpan.Zero);
        await using var after = app.Db();
        Assert.Equal(Dashboard.Domain.Orders.OrderStatus.Delivered, (await after.Orders.SingleAsync(o => o.Id == orderId)).Status);
    }

    [Fact]
    public async Task A_seed_004_app_joins_order_dash_id_and_hears_order_status_updated()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Restaurant {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Paneer {tag}", 95m);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var order = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = product, quantity = 1 } } }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var (app004, _) = await SocketIOScenario.ConnectAsync(app, email, password);
        await using (app004)
        {
            Assert.True((await app004.EmitWithAckAsync("join-room", $"order-{orderId}"))[0].GetBoolean());
            await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "closed today" }));
            var updated = await app004.WaitForEventAsync("order-status-updated", e => e.Is("orderId", orderId));
            Assert.Equal("cancelled", updated[0].GetProperty("status").GetString());
            Assert.True(updated[0].TryGetProperty("updatedAt", out _));
            var cancelled = await app004.WaitForEventAsync("order:cancelled", e => e.Is("orderId", orderId));
            Assert.Equal("closed today", cancelled[0].GetProperty("reason").GetString());
        }
    }
}
