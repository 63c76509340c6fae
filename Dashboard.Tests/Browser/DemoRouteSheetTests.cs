using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoRouteSheetTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_demo_route_s_sheet_on_screen_on_a_phone_and_on_paper()
    {
        await using var db = app.Db();
        var route = await db.Customers.Where(c => c.IsActive && c.Route != null).GroupBy(c => c.Route!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await OpenAsync(page, $"/deliveries/route-sheet?route={Uri.EscapeDataString(route)}");
        await Assertions.Expect(page.GetByTestId("route-sheet-line").First).ToBeVisibleAsync();
        await SaveAsync(page, "route-sheet.png");
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the route sheet");
        await SaveAsync(page, "route-sheet-phone.png");
        await page.SetViewportSizeAsync(794, 1123); // A4 at 96 dpi
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal(0, await page.Locator("button:visible, select:visible, aside:visible").CountAsync());
        await SaveAsync(page, "route-sheet-print.png");
        await page.Context.CloseAsync();
    }
}
