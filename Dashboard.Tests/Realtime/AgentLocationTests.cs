using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// An agent out with an order streams positions: its customer, staff and the order's room see them move, over SignalR
/// and Socket.IO side by side; another customer never does; anyone else's position, a position off the way, out of
/// range or too soon is refused and nothing is kept.
/// </summary>
public sealed class AgentLocationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task The_assigned_agents_positions_reach_the_customer_and_staff_and_never_another_customer(string transport)
    {
        var s = await OutForDeliveryAsync();
        await using var agent = await BothTransports.ConnectAsync(app, transport, s.AgentEmail, s.AgentPassword);
        await using var customer = await BothTransports.ConnectAsync(app, transport, s.CustomerEmail, s.CustomerPassword);
        await using var other = await BothTransports.ConnectAsync(app, transport, s.OtherEmail, s.OtherPassword);
        await using var staff = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);

        var ack = await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 12.9716, longitude = 77.5946 });
        Assert.Null(ack.ErrorCode());
        foreach (var client in new[] { customer, staff })
        {
            var seen = await client.WaitForEventAsync("delivery:location:update", e => e.Is("orderId", s.OrderId));
            var location = seen[0].GetProperty("location");
            Assert.Equal((12.9716, 77.5946), (location.GetProperty("lat").GetDouble(), location.GetProperty("lng").GetDouble()));
        }

        await Task.Delay(1000);
        Assert.Null((await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 12.9718, longitude = 77.5947 })).ErrorCode());
        await customer.WaitForEventAsync("delivery:location:update", e => e.Is("orderId", s.OrderId)
            && e[0].GetProperty("location").GetProperty("lat").GetDouble() == 12.9718);
        Assert.Equal("RATE_LIMITED", (await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 12.9730, longitude = 77.5960 })).ErrorCode());
        await other.AssertNoEventAsync("delivery:location:update", null, Quiet);

        var agents = await ApiAssert.Json(await s.Admin.GetAsync("/api/v1/agents"));
        var me = agents.EnumerateArray().Single(a => a.GetProperty("id").GetString() == s.AgentId);
        Assert.Equal(("on_delivery", 12.9718), (me.GetProperty("status").GetString(), me.GetProperty("position").GetProperty("latitude").GetDouble()));
        await using var db = app.Db();
        // About 25 m apart is not far enough, and a second is not long enough: the track keeps the first point only.
        Assert.Equal(1, await db.OrderTrackPoints.CountAsync(p => p.OrderId == s.OrderId));
        Assert.False(await db.Activity.AnyAsync(a => a.Action.StartsWith("agent.") && a.EntityId == s.AgentId && a.Summary.Contains("position")));
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task Positions_from_the_wrong_agent_off_the_way_or_out_of_range_are_refused_and_nothing_is_kept(string transport)
    {
        var s = await OutForDeliveryAsync(goOut: false);
        var (otherAgentEmail, otherAgentPassword) = await ApiScenario.CreateUserAsync(s.Admin, "Delivery");
        await using var agent = await BothTransports.ConnectAsync(app, transport, s.AgentEmail, s.AgentPassword);
        await using var stranger = await BothTransports.ConnectAsync(app, transport, otherAgentEmail, otherAgentPassword);
        await using var customer = await BothTransports.ConnectAsync(app, transport, s.CustomerEmail, s.CustomerPassword);

        Assert.Equal("CONFLICT", (await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 12.97, longitude = 77.59 })).ErrorCode());
        await ApiAssert.Json(await s.Admin.PostAsync($"/api/v1/orders/{s.OrderId}/out-for-delivery", null));
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(stranger, "delivery:location", new { orderId = s.OrderId, latitude = 12.97, longitude = 77.59 })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(customer, "delivery:location", new { orderId = s.OrderId, latitude = 12.97, longitude = 77.59 })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 95.0, longitude = 77.59 })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(agent, "delivery:location", new { orderId = s.OrderId, latitude = 12.97 })).ErrorCode());
        await customer.AssertNoEventAsync("delivery:location:update", null, Quiet);

        await using var db = app.Db();
        Assert.False(await db.OrderTrackPoints.AnyAsync(p => p.OrderId == s.OrderId));
        Assert.Null((await db.AgentStates.SingleAsync(a => a.UserId == s.AgentId)).Latitude);
    }

    [Fact]
    public async Task An_agents_status_follows_their_order_and_reaches_staff_not_customers()
    {
        var s = await OutForDeliveryAsync(goOut: false);
        await using var staff = await BothTransports.ConnectAsync(app, "socket.io", DashboardApp.AdminEmail, app.AdminPassword);
        await using var customer = await BothTransports.ConnectAsync(app, "socket.io", s.CustomerEmail, s.CustomerPassword);
        await using var agent = await BothTransports.ConnectAsync(app, "signalr", s.AgentEmail, s.AgentPassword);

        Assert.Null((await BothTransports.CallAsync(agent, "delivery:status", new { status = "available" })).ErrorCode());
        await staff.WaitForEventAsync("delivery:status:update", e => e[0].GetProperty("deliveryBoyId").GetString() == s.AgentId && e[0].GetProperty("status").GetString() == "available");
        await ApiAssert.Json(await s.Admin.PostAsync($"/api/v1/orders/{s.OrderId}/out-for-delivery", null));
        var out_ = await staff.WaitForEventAsync("delivery:status:update", e => e[0].GetProperty("deliveryBoyId").GetString() == s.AgentId
            && e[0].GetProperty("status").GetString() == "on_delivery");
        Assert.Equal(s.OrderId, out_[0].GetProperty("currentOrder").GetGuid());
        await ApiAssert.Json(await s.Admin.PostAsync($"/api/v1/orders/{s.OrderId}/deliver", null));
        await staff.WaitForEventAsync("delivery:status:update", e => e[0].GetProperty("deliveryBoyId").GetString() == s.AgentId
            && e[0].GetProperty("status").GetString() == "available");
        await customer.AssertNoEventAsync("delivery:status:update", null, Quiet);

        using var agentRest = await app.ClientAsync(s.AgentEmail, s.AgentPassword);
        await ApiAssert.Json(await agentRest.PutAsJsonAsync($"/api/v1/agents/{s.AgentId}/status", new { status = "off_duty" }));
        string someoneElse;
        await using (var db = app.Db())
        {
            someoneElse = (await db.Users.FirstAsync(u => u.Id != s.AgentId)).Id;
        }

        await ApiAssert.Problem(await agentRest.PutAsJsonAsync($"/api/v1/agents/{someoneElse}/status", new { status = "off_duty" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await s.Admin.PutAsJsonAsync($"/api/v1/agents/{s.AgentId}/status", new { status = "sleeping" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await using var after = app.Db();
        Assert.Equal(Dashboard.Domain.Agents.AgentStatus.OffDuty, (await after.AgentStates.SingleAsync(a => a.UserId == s.AgentId)).Status);
    }

    private sealed record Scene(HttpClient Admin, Guid OrderId, string AgentId, string AgentEmail, string AgentPassword,
        string CustomerEmail, string CustomerPassword, string OtherEmail, string OtherPassword);

    private async Task<Scene> OutForDeliveryAsync(bool goOut = true)
    {
        var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Watcher {tag}");
        var other = await ApiScenario.CreateCustomerAsync(admin, $"Neighbour {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 650m);
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var (otherEmail, otherPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", other);
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");

        var order = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = product, quantity = 1 } }, deliveryDate = app.Today }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{order}/confirm", null));
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{order}/assign", new { agentId }));
        if (goOut)
        {
            await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{order}/out-for-delivery", null));
        }

        return new Scene(admin, order, agentId, agentEmail, agentPassword, customerEmail, customerPassword, otherEmail, otherPassword);
    }
}
