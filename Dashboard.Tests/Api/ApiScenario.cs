using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

/// <summary>Small steps shared by the API tests: create the records a test needs through the API itself.</summary>
public static class ApiScenario
{
    public static async Task<Guid> CreateCustomerAsync(HttpClient admin, string name, decimal price = 60m, decimal quantity = 1.5m, string route = "North")
    {
        await EnsureRouteAsync(admin, route);
        var response = await admin.PostAsJsonAsync("/api/v1/customers", new { name, phone = "+91 98450 00000", route, defaultQuantity = quantity, pricePerLiter = price });
        var json = await ApiAssert.Json(response, HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }

    /// <param name="routes">A Delivery user's routes; by default "North", the route <see cref="CreateCustomerAsync"/> puts customers on.</param>
    public static async Task<(string Email, string Password)> CreateUserAsync(HttpClient admin, string role, Guid? customerId = null, string[]? routes = null)
    {
        var (_, email, password) = await CreateUserWithIdAsync(admin, role, customerId, routes);
        return (email, password);
    }

    /// <summary>The same, with the new user's id (an agent to assign orders to, say).</summary>
    public static async Task<(string Id, string Email, string Password)> CreateUserWithIdAsync(HttpClient admin, string role, Guid? customerId = null,
        string[]? routes = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var password = "Pw1!" + Guid.NewGuid().ToString("N")[..12];
        routes ??= role == "Delivery" ? ["North"] : null;
        foreach (var route in routes ?? [])
        {
            await EnsureRouteAsync(admin, route);
        }

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role, customerId, routes });
        var user = await ApiAssert.Json(response, HttpStatusCode.Created);
        return (user.GetProperty("id").GetString()!, email, password);
    }

    /// <summary>Adds a route to the business's list unless it is there (409): customers and agents go on listed routes only.</summary>
    public static async Task EnsureRouteAsync(HttpClient admin, string? route)
    {
        if (string.IsNullOrWhiteSpace(route))
        {
            return;
        }

        var response = await admin.PostAsJsonAsync("/api/v1/routes", new { name = route });
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await ApiAssert.Json(response, HttpStatusCode.Created);
        }
    }

    public static async Task<Guid> CreateProductAsync(HttpClient admin, string name, decimal price, string unit = "piece") =>
        (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name, unit, price }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static decimal Decimal(this JsonElement json, string property) => json.GetProperty(property).GetDecimal();
}
