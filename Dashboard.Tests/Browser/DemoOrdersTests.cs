using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoOrdersTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_todays_orders_by_status()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1400, 900);
        await page.GetByTestId("nav-orders").ClickAsync();
        await Assertions.Expect(page.GetByTestId("orders-board")).Not.ToContainTextAsync("Loading");
        var counts = page.GetByTestId("orders-column").GetByTestId("orders-column-count");
        await Assertions.Expect(counts).ToHaveTextAsync(["1", "2", "0", "0", "1"]);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Orders", Exact = false }).First.ClickAsync();
        await SaveAsync(page, "orders.png");

        await page.GetByTestId("orders-next").ClickAsync();
        await Assertions.Expect(counts).ToHaveTextAsync(["3", "1", "0", "0", "0"]);
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the orders board");
        await page.Context.CloseAsync();
    }
}
