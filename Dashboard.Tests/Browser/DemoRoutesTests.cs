using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Issue 15: routes are a managed list. The demo business's five routes with their customers and agents; a route added
/// on the page is offered in the customer editor at once (its route is picked, not typed), and a rename reaches
/// another open Routes page and the customers list live.
/// </summary>
public sealed class DemoRoutesTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    private const float Live = 5_000;

    [Fact]
    public async Task The_demo_routes_are_listed_and_a_route_added_is_picked_in_the_editor_and_a_rename_shows_everywhere()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-routes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("route-name")).ToHaveTextAsync(["HSR Layout", "Indiranagar", "Jayanagar", "Koramangala", "Malleshwaram"]);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Routes", Exact = true }).ClickAsync();
        await SaveAsync(page, "routes.png");

        var other = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await other.GetByTestId("nav-routes").ClickAsync();
        await Assertions.Expect(other.GetByTestId("route-row")).ToHaveCountAsync(5);

        // The newcomer's "jayanagar " is the route there is, not a sixth one.
        await page.GetByTestId("route-new-name").FillAsync("jayanagar ");
        await page.GetByTestId("route-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("routes-error")).ToContainTextAsync("There is already a route named jayanagar");
        await page.GetByTestId("route-new-name").FillAsync("Banashankari");
        await page.GetByTestId("route-add").ClickAsync();
        await Assertions.Expect(other.GetByTestId("route-row")).ToHaveCountAsync(6, new() { Timeout = Live });

        await page.GetByTestId("nav-customers").ClickAsync();
        await page.GetByTestId("customer-new").ClickAsync();
        var route = page.GetByTestId("customer-form-route");
        await Assertions.Expect(route.Locator("option")).ToHaveTextAsync(["No route", "Banashankari", "HSR Layout", "Indiranagar", "Jayanagar", "Koramangala", "Malleshwaram"]);
        await page.GetByTestId("customer-form-name").FillAsync("Bhagya Banashankari");
        await page.GetByTestId("customer-form-phone").FillAsync("98450 77001");
        await route.SelectOptionAsync("Banashankari");
        await page.GetByTestId("customer-form-quantity").FillAsync("1");
        await page.GetByTestId("customer-form-price").FillAsync("56");
        await page.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-form-name")).ToBeHiddenAsync(new() { Timeout = Live });
        await Assertions.Expect(other.GetByTestId("route-row").Filter(new() { HasText = "Banashankari" }).GetByTestId("route-customers"))
            .ToHaveTextAsync("1", new() { Timeout = Live });

        await page.GetByTestId("customer-search").FillAsync("Bhagya");
        await Assertions.Expect(page.GetByTestId("customer-route")).ToHaveTextAsync(["Banashankari"], new() { Timeout = Live });
        var renamed = other.GetByTestId("route-row").Filter(new() { HasText = "Banashankari" });
        await renamed.GetByTestId("route-rename").ClickAsync();
        await other.GetByTestId("route-rename-name").FillAsync("Banashankari 2nd Stage");
        await other.GetByTestId("route-rename-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-route").Filter(new() { HasText = "Banashankari 2nd Stage" })).ToHaveCountAsync(1, new() { Timeout = Live });
        await Assertions.Expect(other.GetByTestId("route-row").Filter(new() { HasText = "Banashankari 2nd Stage" }).GetByTestId("route-remove")).ToBeVisibleAsync();

        await other.GetByTestId("route-row").Filter(new() { HasText = "Jayanagar" }).GetByTestId("route-remove").ClickAsync();
        await Assertions.Expect(other.GetByTestId("routes-error")).ToContainTextAsync("Route Jayanagar still has");

        // A route's name opens the customers list on that route.
        await other.GetByTestId("route-row").Filter(new() { HasText = "Banashankari 2nd Stage" }).GetByTestId("route-name").ClickAsync();
        await Assertions.Expect(other.GetByTestId("customer-route-filter")).ToHaveValueAsync("Banashankari 2nd Stage");
        await Assertions.Expect(other.GetByTestId("customer-row")).ToHaveCountAsync(1);

        await page.GetByTestId("nav-routes").ClickAsync();
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the routes page");
        await SaveAsync(page, "routes-phone.png");
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }
}
