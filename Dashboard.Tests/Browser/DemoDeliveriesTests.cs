using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoDeliveriesTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_todays_day_sheet_by_route()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-deliveries").ClickAsync();
        // A whole day's sheet (about 200 rows) on a busy CI machine: more time than the default 5 s.
        await Assertions.Expect(page.GetByTestId("deliveries-date")).ToHaveAttributeAsync("data-value", app.Today.ToString("yyyy-MM-dd"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("delivery-row").First).ToBeVisibleAsync();
        Assert.InRange(await page.GetByTestId("delivery-row").CountAsync(), 100, 300);
        Assert.True(await page.GetByTestId("route-group").CountAsync() >= 3, "the demo's customers are on several routes");
        await Assertions.Expect(page.GetByTestId("day-total-liters")).Not.ToHaveTextAsync("0 L");
        await SaveAsync(page, "deliveries.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the day sheet");
        await SaveAsync(page, "deliveries-phone.png");
        await page.Context.CloseAsync();
    }
}
