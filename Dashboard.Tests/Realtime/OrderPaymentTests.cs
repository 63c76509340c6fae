using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// Paying for a one-off order (seed 001's <c>payment:received</c>): the agent it was given to collects the cash at the
/// door, over either protocol; the customer, staff and the agent hear of it, another customer does not; more than is
/// due, another customer's order or a cancelled one is refused and nothing is written; the balance counts it once.
/// </summary>
public sealed class OrderPaymentTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task The_agent_collects_at_the_door_the_customer_hears_payment_received_and_no_one_else(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customerA = await ApiScenario.CreateCustomerAsync(admin, $"Payer {tag}", route: $"Lane {tag}");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, $"Onlooker {tag}", route: $"Lane {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 30m);
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, "Customer", customerA);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, "Customer", customerB);
        // The agent's routes are elsewhere: it is the order being theirs that lets them collect for it.
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery", routes: ["Elsewhere"]);
        var (otherAgentEmail, otherAgentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: ["Elsewhere"]);
        var order = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customerA, items = new[] { new { productId = product, quantity = 2 } }, deliveryDate = app.Today }), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/assign", new { agentId }));

        await using var a = await BothTransports.ConnectAsync(app, transport, emailA, passwordA);
        await using var b = await BothTransports.ConnectAsync(app, transport, emailB, passwordB);
        await using var staff = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var agent = await BothTransports.ConnectAsync(app, transport, agentEmail, agentPassword);
        await using var otherAgent = await BothTransports.ConnectAsync(app, transport, otherAgentEmail, otherAgentPassword);

        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(otherAgent, "payment:add", new { orderId, amount = 25, method = "CASH" })).ErrorCode());
        var paid = await BothTransports.CallAsync(agent, "payment:add", new { orderId, amount = 25, method = "CASH" });
        Assert.Null(paid.ErrorCode());
        Assert.Equal((customerA, orderId), (paid.GetProperty("customerId").GetGuid(), paid.GetProperty("orderId").GetGuid()));

        foreach (var who in new[] { a, staff, agent })
        {
            var received = await who.WaitForEventAsync("payment:received", e => e.Is("orderId", orderId));
            Assert.Equal((25m, "CASH", 25m, 60m, false),
                (received[0].GetProperty("amount").GetDecimal(), received[0].GetProperty("paymentMethod").GetString(),
                 received[0].GetProperty("paid").GetDecimal(), received[0].GetProperty("total").GetDecimal(), received[0].GetProperty("paidInFull").GetBoolean()));
        }

        // More than is due, and the rest of it over REST: paid in full.
        var tooMuch = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { orderId, amount = 40, method = "CASH" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("35.00", tooMuch.GetProperty("errors").GetProperty("amount")[0].GetString());
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { orderId, amount = 35, method = "MOBILE" }), HttpStatusCode.Created);
        var full = await a.WaitForEventAsync("payment:received", e => e.Is("orderId", orderId) && e[0].GetProperty("paidInFull").GetBoolean());
        Assert.Equal(60m, full[0].GetProperty("paid").GetDecimal());
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { orderId, amount = 1, method = "CASH" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        await b.AssertNoEventAsync("payment:received", null, TimeSpan.FromSeconds(1));
        await otherAgent.AssertNoEventAsync("payment:received", null, TimeSpan.Zero);
        var seen = await ApiAssert.Json(await admin.GetAsync($"/api/v1/orders/{orderId}"));
        Assert.Equal(60m, seen.GetProperty("paid").GetDecimal());
        await using var db = app.Db();
        Assert.Equal([25m, 35m], await db.Payments.Where(p => p.OrderId == orderId).OrderBy(p => p.Amount).Select(p => p.Amount).ToListAsync());
    }

    [Fact]
    public async Task Another_customers_order_or_a_cancelled_one_is_refused_and_a_paid_delivered_order_leaves_nothing_owed()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Settler {tag}");
        var other = await ApiScenario.CreateCustomerAsync(admin, $"Stranger {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Paneer {tag}", 80m);
        async Task<Guid> PlaceAsync()
        {
            var placed = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
                new { customerId = customer, items = new[] { new { productId = product, quantity = 1 } }, deliveryDate = app.Today }), HttpStatusCode.Created);
            return placed.GetProperty("id").GetGuid();
        }

        var kept = await PlaceAsync();
        var dropped = await PlaceAsync();
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{dropped}/cancel", new { reason = "changed their mind" }));

        var wrongCustomer = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments",
            new { customerId = other, orderId = kept, amount = 10, method = "CASH" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(wrongCustomer.GetProperty("errors").TryGetProperty("orderId", out _));
        var cancelled = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments",
            new { orderId = dropped, amount = 10, method = "CASH" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("cancelled", cancelled.GetProperty("errors").GetProperty("orderId")[0].GetString());
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { orderId = Guid.NewGuid(), amount = 10, method = "CASH" }),
            HttpStatusCode.NotFound, "NOT_FOUND");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { amount = 10, method = "CASH" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED"); // neither a customer nor an order

        // Paid before it arrives (a credit), then delivered: billed once, paid once, nothing owed.
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { orderId = kept, amount = 80, method = "MOBILE" }), HttpStatusCode.Created);
        var early = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{customer}/balance"));
        Assert.Equal(-80m, early.GetProperty("balance").GetDecimal());
        var (agentId, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{kept}/confirm", null));
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{kept}/assign", new { agentId }));
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{kept}/out-for-delivery", null));
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{kept}/deliver", null));
        var settled = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{customer}/balance"));
        Assert.Equal((80m, 80m, 0m), (settled.GetProperty("billed").GetDecimal(), settled.GetProperty("paid").GetDecimal(), settled.GetProperty("balance").GetDecimal()));

        await using var db = app.Db();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.CustomerId == customer));
        Assert.Equal(0, await db.Payments.CountAsync(p => p.CustomerId == other));
        Assert.Equal(0m, (await db.Orders.SingleAsync(o => o.Id == dropped)).Paid);
    }
}
