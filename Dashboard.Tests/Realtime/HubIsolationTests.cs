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

            await b.AssertNoEventAsync("payment:added", null, Quiet);
            foreach (var name in new[] { "balance:updated", "stats:updated", "activity:updated", "customer:updated", "delivery:updated" })
            {
                await b.AssertNoEventAsync(name, null, TimeSpan.Zero);
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
