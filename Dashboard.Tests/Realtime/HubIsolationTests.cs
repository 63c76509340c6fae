using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>Customers A and B and an admin connected: each sees exactly what concerns them.</summary>
public sealed class HubIsolationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_payment_for_customer_A_reaches_A_and_the_admin_never_B()
    {
        using var admin = await app.AdminClientAsync();
        var (a, customerA) = await HubScenario.ConnectCustomerAsync(app, admin, "Customer A");
        var (b, customerB) = await HubScenario.ConnectCustomerAsync(app, admin, "Customer B");
        var (owner, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (a)
        await using (b)
        await using (owner)
        {
            var payment = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customerA, amount = 99, method = "CASH" }), HttpStatusCode.Created);
            var id = payment.GetProperty("id").GetGuid();

            await a.WaitForEventAsync("payment:added", x => x.Is("id", id));
            await a.WaitForEventAsync("balance:updated", x => x.Is("customerId", customerA));
            await owner.WaitForEventAsync("payment:added", x => x.Is("id", id));
            await owner.WaitForEventAsync("stats:updated");

            // A's notification of it, and of reading it, reach A only (the admin wrote it: not told of their own write).
            var notification = (await a.WaitForEventAsync("notification:new"))[0].GetProperty("id").GetGuid();
            await a.WaitForEventAsync("notification");
            Assert.True((await a.InvokeAsync("notification:read", new { id = notification })).GetProperty("read").GetBoolean());
            await a.WaitForEventAsync("notifications:read");

            await b.AssertNoEventAsync("payment:added", null, Quiet);
            foreach (var name in new[] { "balance:updated", "stats:updated", "activity:updated", "customer:updated", "delivery:updated",
                "notification:new", "notification", "notifications:read" })
            {
                await b.AssertNoEventAsync(name, null, TimeSpan.Zero);
            }

            foreach (var name in new[] { "notification:new", "notification", "notifications:read" })
            {
                await owner.AssertNoEventAsync(name, null, TimeSpan.Zero);
            }

            // Customers never get business-wide figures or the activity feed either.
            await a.AssertNoEventAsync("stats:updated", null, TimeSpan.Zero);
            await a.AssertNoEventAsync("activity:updated", null, TimeSpan.Zero);
            _ = customerB;
        }
    }

    [Fact]
    public async Task Customer_B_cannot_read_or_touch_A_by_any_method()
    {
        using var admin = await app.AdminClientAsync();
        var customerA = await ApiScenario.CreateCustomerAsync(admin, "Victim A");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, "Curious B");
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, "Customer", customerB);
        var (b, _) = await HubScenario.ConnectAsync(app, emailB, passwordB);
        await using (b)
        {
            Assert.Equal("FORBIDDEN", (await b.InvokeAsync("payment:add", new { customerId = customerA, amount = 1, method = "CASH" })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.InvokeAsync("customer:update", new { id = customerA, name = "Hacked" })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.InvokeAsync("stats:request")).ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.InvokeAsync("activity:request", 50)).ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.WaitForEventAsync("error"))[0].GetProperty("code").GetString());
            Assert.Equal("pong", (await b.InvokeAsync("ping")).GetString());
        }

        using var restB = await app.ClientAsync(emailB, passwordB);
        await ApiAssert.Problem(await restB.GetAsync($"/api/v1/customers/{customerA}/balance"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await restB.GetAsync($"/api/v1/customers/{customerA}/ledger"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customerA));
        Assert.Equal("Victim A", (await db.Customers.SingleAsync(c => c.Id == customerA)).Name);
    }

    [Fact]
    public async Task A_product_change_reaches_every_signed_in_role_and_no_unauthenticated_client()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Catalog Reader");
        var clients = new List<SignalRClient> { (await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword)).Client };
        foreach (var role in new[] { "Staff", "Delivery", "Customer" })
        {
            var (email, password) = await ApiScenario.CreateUserAsync(admin, role, role == "Customer" ? customer : null);
            clients.Add((await HubScenario.ConnectAsync(app, email, password)).Client);
        }

        var anonymous = await SignalRClient.ConnectAsync(app.BaseAddress, null);
        try
        {
            Assert.False(anonymous.Connected);
            Assert.Equal(401, anonymous.FailureStatus);

            var product = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name = "Hub Paneer 200 g", unit = "piece", price = 95 }),
                HttpStatusCode.Created);
            var id = product.GetProperty("id").GetGuid();
            await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 99, version = 1 }));

            foreach (var client in clients)
            {
                var added = (await client.WaitForEventAsync("product:updated", x => x.Is("id", id) && x[0].GetProperty("version").GetInt32() == 1))[0];
                Assert.Equal(("Hub Paneer 200 g", "piece", 95m), (added.GetProperty("name").GetString(), added.GetProperty("unit").GetString(), added.Decimal("price")));
                var changed = (await client.WaitForEventAsync("product:updated", x => x.Is("id", id) && x[0].GetProperty("version").GetInt32() == 2))[0];
                Assert.Equal(99m, changed.Decimal("price"));
            }

            // Refused at the door, the client got nothing, the catalog included (it has given up: its driver has exited).
            Assert.Empty(anonymous.Events);
        }
        finally
        {
            await anonymous.DisposeAsync();
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_support_message_and_its_read_receipt_reach_that_customer_and_staff_never_another_customer_or_an_agent()
    {
        using var admin = await app.AdminClientAsync();
        var (a, customerA) = await HubScenario.ConnectCustomerAsync(app, admin, "Chat isolation A");
        var (b, _) = await HubScenario.ConnectCustomerAsync(app, admin, "Chat isolation B");
        var (owner, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: ["North"]);
        var (agent, _) = await HubScenario.ConnectAsync(app, agentEmail, agentPassword);
        await using (a)
        await using (b)
        await using (owner)
        await using (agent)
        {
            var sent = await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/support/conversations/{customerA}/messages", new { text = "Your bill is ready" }),
                HttpStatusCode.Created);
            var id = sent.GetProperty("id").GetGuid();
            await a.WaitForEventAsync("chat:message", x => x.Is("id", id));
            await owner.WaitForEventAsync("chat:message", x => x.Is("id", id));
            await a.InvokeAsync("chat:read", new { });
            await owner.WaitForEventAsync("chat:read", x => x.Is("customerId", customerA));

            await b.AssertNoEventAsync("chat:message", null, Quiet);
            foreach (var (client, name) in new[] { (b, "chat:read"), (agent, "chat:message"), (agent, "chat:read") })
            {
                await client.AssertNoEventAsync(name, null, TimeSpan.Zero);
            }
        }
    }

    [Fact]
    public async Task A_stock_alert_reaches_admin_and_staff_and_never_a_delivery_agent_or_a_customer()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Stock outsider");
        var clients = new Dictionary<string, SignalRClient> { ["Admin"] = (await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword)).Client };
        foreach (var role in new[] { "Staff", "Delivery", "Customer" })
        {
            var (email, password) = await ApiScenario.CreateUserAsync(admin, role, role == "Customer" ? customer : null);
            clients[role] = (await HubScenario.ConnectAsync(app, email, password)).Client;
        }

        try
        {
            var product = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name = "Hub curd 1 kg", unit = "piece", price = 90, minStock = 6 }),
                HttpStatusCode.Created)).GetProperty("id").GetGuid();
            foreach (var role in new[] { "Admin", "Staff" })
            {
                var alert = (await clients[role].WaitForEventAsync("stock:low-alert", x => x.Is("productId", product)))[0];
                Assert.Equal(("Hub curd 1 kg", 0m, 6m, "critical"),
                    (alert.GetProperty("stockType").GetString(), alert.Decimal("currentQuantity"), alert.Decimal("minLevel"), alert.GetProperty("severity").GetString()));
                await clients[role].WaitForEventAsync("stock:updated", x => x[0].GetProperty("product").GetProperty("id").GetGuid() == product);
            }

            await clients["Delivery"].AssertNoEventAsync("stock:low-alert", null, Quiet);
            foreach (var role in new[] { "Delivery", "Customer" })
            {
                await clients[role].AssertNoEventAsync("stock:low-alert", null, TimeSpan.Zero);
                await clients[role].AssertNoEventAsync("stock:updated", null, TimeSpan.Zero);
                await clients[role].WaitForEventAsync("product:updated", x => x.Is("id", product)); // the catalog is everyone's, its stock is not
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Live_users_reach_admin_and_staff_in_the_admin_dashboard_room_on_both_transports_and_never_a_delivery_agent_or_a_customer()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Live users outsider");
        var clients = new Dictionary<string, NodeClient> { ["Admin"] = (await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword)).Client };
        foreach (var role in new[] { "Staff", "Delivery", "Customer" })
        {
            var (email, password) = await ApiScenario.CreateUserAsync(admin, role, role == "Customer" ? customer : null);
            clients[role] = (await HubScenario.ConnectAsync(app, email, password)).Client;
            clients[role + " socket.io"] = (await SocketIO.SocketIOScenario.ConnectAsync(app, email, password)).Client;
        }

        // A staff app that shows no live users (it did not join the room) is not sent the whole list either.
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        clients["Staff, not in the room"] = (await SocketIO.SocketIOScenario.ConnectAsync(app, staffEmail, staffPassword)).Client;

        try
        {
            foreach (var who in new[] { "Admin", "Staff", "Staff socket.io" })
            {
                await BothTransports.JoinDashboardAsync(clients[who]);
            }

            foreach (var who in new[] { "Delivery", "Delivery socket.io", "Customer", "Customer socket.io" })
            {
                Assert.False((await BothTransports.CallAsync(clients[who], "join-room", "admin-dashboard")).GetBoolean());
            }

            var (mover, moverEmail, moverPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Customer", customer);
            await using (var app2 = (await SocketIO.SocketIOScenario.ConnectAsync(app, moverEmail, moverPassword)).Client)
            {
                await app2.EmitWithAckAsync("page:navigate", new { path = "/isolation" });
                foreach (var who in new[] { "Admin", "Staff", "Staff socket.io" })
                {
                    await clients[who].WaitForEventAsync("live-users-update", x => x[0].EnumerateArray()
                        .Any(e => e.GetProperty("user").GetProperty("id").GetString() == mover && e.GetProperty("page").GetString() == "/isolation"));
                }
            }

            await clients["Delivery"].AssertNoEventAsync("live-users-update", null, Quiet);
            foreach (var who in new[] { "Delivery socket.io", "Customer", "Customer socket.io", "Staff, not in the room" })
            {
                await clients[who].AssertNoEventAsync("live-users-update", null, TimeSpan.Zero);
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Signalr_clients_on_websockets_and_long_polling_see_the_same_events()
    {
        var (ws, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, "websockets");
        var (lp, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, "longpolling");
        await using (ws)
        await using (lp)
        {
            using var admin = await app.AdminClientAsync();
            var customer = await ApiScenario.CreateCustomerAsync(admin, "Both Transports");
            await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 5, method = "BANK" });
            foreach (var client in new[] { ws, lp })
            {
                await client.WaitForEventAsync("customer:updated", x => x.Is("id", customer));
                await client.WaitForEventAsync("payment:added", x => x.Is("customerId", customer));
            }
        }
    }
}
