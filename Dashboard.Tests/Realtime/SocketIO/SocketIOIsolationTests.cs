using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>SignalR and Socket.IO clients side by side: the same rules, the same events, whichever transport wrote.</summary>
public sealed class SocketIOIsolationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    private static readonly string[] Notices = ["notification:new", "notification", "notifications:read"];
    private static readonly string[] Business = ["payment:added", "balance:updated", "stats:updated", "activity:updated", "customer:updated", "delivery:updated"];

    [Theory]
    [InlineData("rest")]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task A_payment_for_A_reaches_A_and_the_admin_on_both_transports_and_never_B(string writtenThrough)
    {
        using var admin = await app.AdminClientAsync();
        var customerA = await ApiScenario.CreateCustomerAsync(admin, $"A via {writtenThrough}");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, $"B via {writtenThrough}");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, "Customer", customerA);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, "Customer", customerB);

        var (aSio, _) = await SocketIOScenario.ConnectAsync(app, emailA, passwordA);
        var (aHub, _) = await HubScenario.ConnectAsync(app, emailA, passwordA);
        var (bSio, _) = await SocketIOScenario.ConnectAsync(app, emailB, passwordB, "polling");
        var (bHub, _) = await HubScenario.ConnectAsync(app, emailB, passwordB);
        var (ownerSio, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (ownerHub, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (aSio)
        await using (aHub)
        await using (bSio)
        await using (bHub)
        await using (ownerSio)
        await using (ownerHub)
        {
            var payment = new { customerId = customerA, amount = 61, method = "CASH" };
            Guid id;
            switch (writtenThrough)
            {
                case "rest":
                    id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", payment), HttpStatusCode.Created)).GetProperty("id").GetGuid();
                    break;
                case "signalr":
                    id = (await ownerHub.InvokeAsync("payment:add", payment)).GetProperty("id").GetGuid();
                    break;
                default:
                    id = (await ownerSio.EmitWithAckAsync("payment:add", payment))[0].GetProperty("id").GetGuid();
                    break;
            }

            await aSio.WaitForEventAsync("payment:added", x => x.Is("id", id));
            await aHub.WaitForEventAsync("payment:added", x => x.Is("id", id));
            await aSio.WaitForEventAsync("balance:updated", x => x.Is("customerId", customerA));
            await aHub.WaitForEventAsync("balance:updated", x => x.Is("customerId", customerA));
            var sioPayload = (await ownerSio.WaitForEventAsync("payment:added", x => x.Is("id", id)))[0];
            var hubPayload = (await ownerHub.WaitForEventAsync("payment:added", x => x.Is("id", id)))[0];
            Assert.Equal(hubPayload.GetRawText(), sioPayload.GetRawText()); // the same payload, byte for byte
            await ownerSio.WaitForEventAsync("activity:updated");
            await ownerHub.WaitForEventAsync("activity:updated");

            // A's notification reaches A's two apps alike; read on one, the other hears it; B and the owner (who wrote) hear neither.
            var noticeSio = (await aSio.WaitForEventAsync("notification:new"))[0];
            Assert.Equal(noticeSio.GetRawText(), (await aHub.WaitForEventAsync("notification:new"))[0].GetRawText());
            await aSio.WaitForEventAsync("notification");
            await aHub.WaitForEventAsync("notification");
            await aSio.EmitWithAckAsync("notification:read", new { id = noticeSio.GetProperty("id").GetGuid() });
            await aHub.WaitForEventAsync("notifications:read");

            await bSio.AssertNoEventAsync("payment:added", null, Quiet);
            foreach (var b in new object[] { bSio, bHub, ownerSio, ownerHub })
            {
                foreach (var name in (b == ownerSio || b == ownerHub ? [] : Business).Concat(Notices))
                {
                    if (b is SocketIOClient s)
                    {
                        await s.AssertNoEventAsync(name, null, TimeSpan.Zero);
                    }
                    else
                    {
                        await ((SignalRClient)b).AssertNoEventAsync(name, null, TimeSpan.Zero);
                    }
                }
            }

            // A customer's two apps, one per transport, got the same business events.
            Assert.Equal(Names(aHub.Events), Names(aSio.Events));
            await aSio.AssertNoEventAsync("stats:updated", null, TimeSpan.Zero);
        }
    }

    private static List<string> Names(IEnumerable<(string Name, System.Text.Json.JsonElement[] Args)> events) =>
        [.. events.Select(e => e.Name).Where(n => Business.Contains(n)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_product_change_reaches_every_signed_in_role_on_both_transports_and_no_unauthenticated_client(string transports)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Catalog app {transports}");
        var accounts = new List<(string Email, string Password)> { (DashboardApp.AdminEmail, app.AdminPassword) };
        foreach (var role in new[] { "Staff", "Delivery", "Customer" })
        {
            accounts.Add(await ApiScenario.CreateUserAsync(admin, role, role == "Customer" ? customer : null));
        }

        var sockets = new List<SocketIOClient>();
        var hubs = new List<SignalRClient>();
        foreach (var (email, password) in accounts)
        {
            sockets.Add((await SocketIOScenario.ConnectAsync(app, email, password, transports)).Client);
            hubs.Add((await HubScenario.ConnectAsync(app, email, password)).Client);
        }

        var anonymous = await SocketIOClient.ConnectAsync(app.BaseAddress, null, transports);
        try
        {
            Assert.False(anonymous.Connected);
            Assert.Equal("UNAUTHENTICATED", anonymous.ConnectErrorData?.GetProperty("code").GetString());

            var name = $"Socket Ghee {transports} 1 kg";
            var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name, unit = "piece", price = 650 }),
                HttpStatusCode.Created)).GetProperty("id").GetGuid();

            for (var i = 0; i < accounts.Count; i++)
            {
                var sio = (await sockets[i].WaitForEventAsync("product:updated", x => x.Is("id", id)))[0];
                var hub = (await hubs[i].WaitForEventAsync("product:updated", x => x.Is("id", id)))[0];
                Assert.Equal(hub.GetRawText(), sio.GetRawText()); // the same payload, byte for byte
                Assert.Equal((name, 650m), (sio.GetProperty("name").GetString(), sio.Decimal("price")));
            }

            // Refused at the door, the client got nothing, the catalog included (it has given up: its driver has exited).
            Assert.Empty(anonymous.Events);
        }
        finally
        {
            await anonymous.DisposeAsync();
            foreach (var client in sockets)
            {
                await client.DisposeAsync();
            }

            foreach (var client in hubs)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stock_changes_and_low_alerts_reach_staff_on_both_transports_and_the_admin_namespace_and_no_agent_or_customer()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Stock watcher");
        var staff = await ApiScenario.CreateUserAsync(admin, "Staff");
        var agent = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var shopper = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var watching = new List<NodeClient>
        {
            (await SocketIOScenario.ConnectAsync(app, staff.Email, staff.Password)).Client,
            (await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, ns: "/admin")).Client,
            (await HubScenario.ConnectAsync(app, staff.Email, staff.Password)).Client,
        };
        var outsiders = new List<NodeClient>();
        foreach (var (email, password) in new[] { agent, shopper })
        {
            outsiders.Add((await SocketIOScenario.ConnectAsync(app, email, password)).Client);
            outsiders.Add((await HubScenario.ConnectAsync(app, email, password)).Client);
        }

        try
        {
            var product = await ApiScenario.CreateProductAsync(admin, "Isolated ghee 1 kg", 650m);
            await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = product, quantity = 4, supplier = "Nandini" }),
                HttpStatusCode.Created);
            await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{product}", new { minStock = 10 })); // 4 of 10: high
            await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/adjustments", new { productId = product, quantity = -1, reason = "Spoilage" }),
                HttpStatusCode.Created);

            string? first = null;
            foreach (var client in watching)
            {
                var updated = (await client.WaitForEventAsync("stock:updated", x => x[0].GetProperty("product").GetProperty("id").GetGuid() == product
                    && x[0].GetProperty("quantity").GetDecimal() == 3m))[0];
                Assert.Equal(("high", "adjustment"), (updated.GetProperty("severity").GetString(), updated.GetProperty("movement").GetProperty("kind").GetString()));
                var alert = (await client.WaitForEventAsync("stock:low-alert", x => x.Is("productId", product) && x[0].GetProperty("severity").GetString() == "high"))[0];
                Assert.Equal(("Isolated ghee 1 kg", 4m, 10m), (alert.GetProperty("stockType").GetString(), alert.Decimal("currentQuantity"), alert.Decimal("minLevel")));
                first ??= alert.GetRawText();
                Assert.Equal(first, alert.GetRawText()); // the same payload, byte for byte, on every transport and namespace
            }

            foreach (var client in outsiders)
            {
                await client.AssertNoEventAsync("stock:updated", null, client == outsiders[0] ? Quiet : TimeSpan.Zero);
                await client.AssertNoEventAsync("stock:low-alert", null, TimeSpan.Zero);
            }
        }
        finally
        {
            foreach (var client in watching.Concat(outsiders))
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Customer_B_is_forbidden_every_route_to_A_over_socket_io()
    {
        using var admin = await app.AdminClientAsync();
        var customerA = await ApiScenario.CreateCustomerAsync(admin, "Guarded A");
        var (b, _, _, _) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Curious B");
        await using (b)
        {
            Assert.Equal("FORBIDDEN", (await b.EmitWithAckAsync("payment:add", new { customerId = customerA, amount = 1, method = "CASH" }))[0].ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.EmitWithAckAsync("customer:update", new { id = customerA, name = "Mine now" }))[0].ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.EmitWithAckAsync("stats:request"))[0].ErrorCode());
            Assert.Equal("FORBIDDEN", (await b.EmitWithAckAsync("activity:request", 10))[0].ErrorCode());
            Assert.False((await b.EmitWithAckAsync("join-room", $"customer:{customerA}"))[0].GetBoolean());
        }
    }
}
