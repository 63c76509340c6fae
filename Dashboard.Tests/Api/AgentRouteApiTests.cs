using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>A delivery agent's routes: set through the users API, and the agent reads and writes their customers only.</summary>
public sealed class AgentRouteApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task An_agent_reads_and_writes_only_the_customers_of_their_routes()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var north = await ApiScenario.CreateCustomerAsync(admin, $"Near {tag}", route: "North");
        var south = await ApiScenario.CreateCustomerAsync(admin, $"Far {tag}", route: "South");
        var loose = await ApiScenario.CreateCustomerAsync(admin, $"Loose {tag}", route: "");
        var southEntry = await RecordAsync(admin, south, "pending");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: ["NORTH"]);
        using var agent = await app.ClientAsync(email, password);

        await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = north, date = app.Today, quantity = 1 }), HttpStatusCode.Created);
        await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = north, amount = 20, method = "CASH" }), HttpStatusCode.Created);
        foreach (var customer in new[] { south, loose })
        {
            await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 1 }),
                HttpStatusCode.Forbidden, "FORBIDDEN");
            await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 20, method = "CASH" }),
                HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        await ApiAssert.Problem(await agent.PatchAsJsonAsync($"/api/v1/deliveries/{southEntry}", new { status = "delivered" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await agent.GetAsync($"/api/v1/deliveries/{southEntry}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = app.Today, route = "South" }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = app.Today, route = "" }),
            HttpStatusCode.Forbidden, "FORBIDDEN");

        var day = await ApiAssert.Json(await agent.GetAsync($"/api/v1/deliveries?date={app.Today:yyyy-MM-dd}"));
        var seen = day.EnumerateArray().Select(e => e.GetProperty("customerId").GetGuid()).ToList();
        Assert.Contains(north, seen);
        Assert.DoesNotContain(south, seen);
        Assert.DoesNotContain(loose, seen);

        await using var db = app.Db();
        Assert.Equal(DeliveryPending, (await db.DailyEntries.SingleAsync(e => e.Id == southEntry)).Status);
        Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == loose));
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == south || p.CustomerId == loose));
    }

    [Fact]
    public async Task An_agent_marks_their_routes_round_delivered_whatever_the_case_of_its_name()
    {
        using var admin = await app.AdminClientAsync();
        var route = "Lane" + Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"On {route}", route: route);
        var entry = await RecordAsync(admin, customer, "pending");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery", routes: [route.ToLowerInvariant()]);
        using var agent = await app.ClientAsync(email, password);

        var done = await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = app.Today, route = route.ToUpperInvariant() }));

        Assert.Equal(1, done.GetProperty("count").GetInt32());
        await using var db = app.Db();
        Assert.Equal(Dashboard.Domain.Deliveries.DeliveryStatus.Delivered, (await db.DailyEntries.SingleAsync(e => e.Id == entry)).Status);
    }

    [Fact]
    public async Task Routes_are_set_on_create_and_patch_deduplicated_only_for_agents_and_a_change_signs_the_agent_out()
    {
        using var admin = await app.AdminClientAsync();
        var email = $"agent-{Guid.NewGuid():N}@test.local";
        const string password = "Pw1!routes-agent";
        foreach (var route in new[] { "North", "East", "South" })
        {
            await ApiScenario.EnsureRouteAsync(admin, route);
        }

        var created = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password, role = "Delivery", routes = TypedRoutes }), HttpStatusCode.Created);
        Assert.Equal(["East", "North"], created.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        var id = created.GetProperty("id").GetString();
        var token = await ApiAssert.Json(await new HttpClient { BaseAddress = app.BaseAddress }.PostAsJsonAsync("/api/v1/auth/token", new { email, password }));
        Assert.Equal(["East", "North"], token.GetProperty("user").GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        using var agent = await app.ClientAsync(email, password);
        await ApiAssert.Json(await agent.GetAsync($"/api/v1/deliveries?date={app.Today:yyyy-MM-dd}"));

        var patched = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { routes = SouthOnly }));
        Assert.Equal(["South"], patched.GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
        await ApiAssert.Problem(await agent.GetAsync($"/api/v1/deliveries?date={app.Today:yyyy-MM-dd}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/users",
            new { email = $"staff-{Guid.NewGuid():N}@test.local", password, role = "Staff", routes = NorthOnly }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var problem = await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { routes = BrokenRoute }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("routes", out _));
        await using var db = app.Db();
        Assert.Equal(["South"], await db.AgentRoutes.Where(r => r.UserId == id).Select(r => r.Route).ToListAsync());
    }

    private static readonly string[] TypedRoutes = [" North ", "north", "East"];
    private static readonly string[] SouthOnly = ["South"];
    private static readonly string[] NorthOnly = ["North"];
    private static readonly string[] BrokenRoute = ["Two\nLines"];

    private const Dashboard.Domain.Deliveries.DeliveryStatus DeliveryPending = Dashboard.Domain.Deliveries.DeliveryStatus.Pending;

    private async Task<Guid> RecordAsync(HttpClient admin, Guid customer, string status) =>
        (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 1, status }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
