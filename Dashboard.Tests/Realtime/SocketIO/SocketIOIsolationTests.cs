using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>SignalR and Socket.IO clients side by side: the same rules, the same events, whichever transport wrote.</summary>
public sealed class SocketIOIsolationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
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

            await bSio.AssertNoEventAsync("payment:added", null, Quiet);
            foreach (var b in new object[] { bSio, bHub })
            {
                foreach (var name in Business)
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
