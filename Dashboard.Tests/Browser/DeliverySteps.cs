using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Steps shared by the deliveries page's browser tests, in the words of the page's test ids.</summary>
public static class DeliverySteps
{
    /// <summary>A route of its own per test, so the tests of a class (one database) do not see each other's rows.</summary>
    public static string NewRoute(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    /// <summary>A pending entry on the sheet of <paramref name="date"/>, through the API; returns its id.</summary>
    public static async Task<Guid> PendingEntryAsync(HttpClient admin, Guid customerId, DateOnly date, decimal quantity)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId, date, quantity, status = "pending" });
        return (await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>A customer with one pending entry that day.</summary>
    public static async Task<(Guid Customer, Guid Entry)> CustomerOnSheetAsync(HttpClient admin, string name, DateOnly date, string route,
        decimal quantity = 1m, decimal price = 60m)
    {
        var customer = await ApiScenario.CreateCustomerAsync(admin, name, price: price, quantity: quantity, route: route);
        return (customer, await PendingEntryAsync(admin, customer, date, quantity));
    }

    public static async Task OpenDayAsync(IPage page, DateOnly date)
    {
        await CustomerSteps.OpenAsync(page, $"/deliveries?date={date:yyyy-MM-dd}");
        await Assertions.Expect(page.GetByTestId("deliveries-date")).ToHaveAttributeAsync("data-value", date.ToString("yyyy-MM-dd"));
    }

    public static ILocator Row(IPage page, Guid customerId) => page.Locator($"[data-testid=delivery-row][data-customer-id='{customerId}']");

    public static ILocator Group(IPage page, string route) => page.Locator($"[data-testid=route-group][data-route='{route}']");

    /// <summary>Types a quantity and presses Enter (which saves and moves on to the next row).</summary>
    public static async Task TypeQuantityAsync(ILocator row, string quantity)
    {
        var input = row.GetByTestId("delivery-quantity");
        await input.FillAsync(quantity);
        await input.PressAsync("Enter");
    }
}
