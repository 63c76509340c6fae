using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// A delivery agent of route North, over SignalR and Socket.IO side by side: the deliveries and customer changes of
/// North's customers reach them, a South customer's never do, and a write about a South customer is FORBIDDEN.
/// </summary>
public sealed class AgentRouteIsolationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task An_agent_receives_their_routes_customers_and_never_another_routes(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var north = await ApiScenario.CreateCustomerAsync(admin, $"North {tag}", route: "North");
        var south = await ApiScenario.CreateCustomerAsync(admin, $"South {tag}", route: "South");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: ["north"]);
        await using var agent = await BothTransports.ConnectAsync(app, transport, email, password);
        await using var staff = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);

        var northEntry = await RecordAsync(admin, north);
        var southEntry = await RecordAsync(admin, south);
        await agent.WaitForEventAsync("delivery:updated", e => e.Is("id", northEntry));
        await staff.WaitForEventAsync("delivery:updated", e => e.Is("id", southEntry));
        await agent.AssertNoEventAsync("delivery:updated", e => e.Is("id", southEntry), Quiet);

        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{south}", new { phone = "+91 90000 00001" }));
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{north}", new { phone = "+91 90000 00002" }));
        await agent.WaitForEventAsync("customer:updated", e => e.Is("id", north));
        await staff.WaitForEventAsync("customer:updated", e => e.Is("id", south));
        await agent.AssertNoEventAsync("customer:updated", e => e.Is("id", south), Quiet);

        // Moving a customer onto North announces them to North's agent; moving one off announces that they left.
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{south}", new { route = "North" }));
        await agent.WaitForEventAsync("customer:updated", e => e.Is("id", south) && e[0].GetProperty("route").GetString() == "North");
        await ApiScenario.EnsureRouteAsync(admin, "East");
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{north}", new { route = "East" }));
        await agent.WaitForEventAsync("customer:updated", e => e.Is("id", north) && e[0].GetProperty("route").GetString() == "East");
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task An_agents_write_about_another_routes_customer_is_forbidden_and_nothing_is_written(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var south = await ApiScenario.CreateCustomerAsync(admin, $"Far {tag}", route: "South");
        var southEntry = await RecordAsync(admin, south);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: ["North"]);
        await using var agent = await BothTransports.ConnectAsync(app, transport, email, password);

        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(agent, "delivery:update", new { id = southEntry, quantity = 9 })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(agent, "payment:add", new { customerId = south, amount = 10, method = "CASH" })).ErrorCode());

        await using var db = app.Db();
        Assert.Equal(1m, (await db.DailyEntries.SingleAsync(e => e.Id == southEntry)).Quantity);
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == south));
    }



    private async Task<Guid> RecordAsync(HttpClient admin, Guid customer) =>
        (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 1 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
