using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Routes;

/// <summary>The routes over REST, and <c>route:updated</c> on both transports: admins and staff hear it, agents and customers never.</summary>
public sealed class RouteApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Routes_are_added_renamed_and_removed_over_rest_with_codes_for_what_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var added = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/routes", new { name = $"  Hill  {tag} " }), HttpStatusCode.Created);
        Assert.Equal($"Hill {tag}", added.GetProperty("name").GetString());
        var id = added.GetProperty("id").GetInt32();
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/routes", new { name = $"HILL {tag}" }), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/routes", new { name = "" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // A customer typed onto it in another case lands on it; one typed onto an unlisted route is refused, nothing written.
        var customer = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/customers",
            new { name = $"Hill Hema {tag}", route = $"hill {tag}", defaultQuantity = 1, pricePerLiter = 60 }), HttpStatusCode.Created);
        Assert.Equal($"Hill {tag}", customer.GetProperty("route").GetString());
        var refused = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/customers",
            new { name = $"Nowhere {tag}", route = $"Hil {tag}", defaultQuantity = 1, pricePerLiter = 60 }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("is not one of the routes", refused.GetProperty("errors").GetProperty("route")[0].GetString());
        await using (var db = app.Db())
        {
            Assert.False(await db.Customers.AnyAsync(c => c.Name == $"Nowhere {tag}"));
        }

        var renamed = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/routes/{id}", new { name = $"Hilltop {tag}" }));
        Assert.Equal(($"Hilltop {tag}", 1), (renamed.GetProperty("name").GetString(), renamed.GetProperty("customers").GetInt32()));
        var moved = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{customer.GetProperty("id").GetGuid()}"));
        Assert.Equal($"Hilltop {tag}", moved.GetProperty("route").GetString());

        var inUse = await ApiAssert.Problem(await admin.DeleteAsync($"/api/v1/routes/{id}"), HttpStatusCode.Conflict, "CONFLICT");
        Assert.Contains("1 customer", inUse.GetProperty("detail").GetString());
        await ApiAssert.Problem(await admin.PutAsJsonAsync("/api/v1/routes/999999", new { name = "Ghost" }), HttpStatusCode.NotFound, "NOT_FOUND");

        var empty = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/routes", new { name = $"Empty {tag}" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/routes/{empty}")).StatusCode);
        var list = await ApiAssert.Json(await admin.GetAsync("/api/v1/routes"));
        var names = list.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains($"Hilltop {tag}", names);
        Assert.DoesNotContain($"Empty {tag}", names);
    }

    [Fact]
    public async Task An_agent_lists_only_their_routes_and_cannot_change_the_list()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await ApiScenario.EnsureRouteAsync(admin, $"Theirs {tag}");
        await ApiScenario.EnsureRouteAsync(admin, $"Other {tag}");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: [$"Theirs {tag}"]);
        using var agent = await app.ClientAsync(email, password);
        var names = (await ApiAssert.Json(await agent.GetAsync("/api/v1/routes"))).EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal([$"Theirs {tag}"], names);
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/routes", new { name = $"Mine {tag}" }), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task A_route_added_or_renamed_reaches_admin_and_staff_and_never_an_agent_or_a_customer(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Route outsider {tag}");
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        await using var owner = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var staff = await BothTransports.ConnectAsync(app, transport, staffEmail, staffPassword);
        await using var agent = await BothTransports.ConnectAsync(app, transport, agentEmail, agentPassword);
        await using var customerApp = await BothTransports.ConnectAsync(app, transport, customerEmail, customerPassword);

        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/routes", new { name = $"New {tag}" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/routes/{id}", new { name = $"Renamed {tag}" }));
        foreach (var client in new[] { owner, staff })
        {
            var added = await client.WaitForEventAsync("route:updated", e => e[0].GetProperty("name").GetString() == $"New {tag}");
            Assert.Equal((id, false), (added[0].GetProperty("id").GetInt32(), added[0].GetProperty("removed").GetBoolean()));
            var renamed = await client.WaitForEventAsync("route:updated", e => e[0].GetProperty("name").GetString() == $"Renamed {tag}");
            Assert.Equal($"New {tag}", renamed[0].GetProperty("previousName").GetString());
        }

        await agent.AssertNoEventAsync("route:updated", null, Quiet);
        await customerApp.AssertNoEventAsync("route:updated", null, TimeSpan.Zero);
    }
}
