using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class MarkDeliveredApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Marking_a_route_delivered_returns_the_entries_and_leaves_other_routes_pending()
    {
        using var admin = await app.AdminClientAsync();
        var route = "Api" + Guid.NewGuid().ToString("N")[..6];
        var first = await ApiScenario.CreateCustomerAsync(admin, "Route Rekha", price: 60m, quantity: 1m, route: route);
        var second = await ApiScenario.CreateCustomerAsync(admin, "Route Ravi", price: 50m, quantity: 2m, route: route);
        var other = await ApiScenario.CreateCustomerAsync(admin, "Elsewhere Esha", route: route + "-other");
        (await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date = app.Today })).EnsureSuccessStatusCode();

        var result = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = app.Today, route }));

        Assert.Equal(2, result.GetProperty("count").GetInt32());
        Assert.Equal(route, result.GetProperty("route").GetString());
        var entries = result.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([second, first], entries.Select(e => e.GetProperty("customerId").GetGuid()));
        Assert.All(entries, e => Assert.Equal("delivered", e.GetProperty("status").GetString()));
        await using var db = app.Db();
        var statuses = await db.DailyEntries.Where(e => e.Date == app.Today && (e.CustomerId == first || e.CustomerId == second || e.CustomerId == other))
            .ToDictionaryAsync(e => e.CustomerId, e => e.Status);
        Assert.Equal((DeliveryStatus.Delivered, DeliveryStatus.Delivered, DeliveryStatus.Pending), (statuses[first], statuses[second], statuses[other]));
        Assert.Equal(1, await db.Activity.CountAsync(a => a.Action == "deliveries.route-delivered" && a.EntityId == $"{app.Today:yyyy-MM-dd}/{route}"));
        var balance = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers/{second}/balance"));
        Assert.Equal(100m, balance.Decimal("balance"));
    }

    [Fact]
    public async Task Bad_input_gets_400_with_field_errors_and_nothing_is_written()
    {
        using var admin = await app.AdminClientAsync();
        var route = "Bad" + Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Waiting Wahida", route: route);
        var tomorrow = app.Today.AddDays(1);
        (await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date = tomorrow })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date = app.Today })).EnsureSuccessStatusCode();
        await using var db = app.Db();
        var activity = await db.Activity.CountAsync();

        var future = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = tomorrow, route }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(future.GetProperty("errors").TryGetProperty("date", out _));
        var missing = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(missing.GetProperty("errors").TryGetProperty("date", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("route", out _));

        Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == customer && e.Status != DeliveryStatus.Pending));
        Assert.Equal(activity, await db.Activity.CountAsync());
    }

    [Fact]
    public async Task A_customer_may_not_mark_a_route_delivered()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Cheeky Chandra");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        using var client = await app.ClientAsync(email, password);
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date = app.Today, route = "North" }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
