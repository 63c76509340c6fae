using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Browser.DeliverySteps;

namespace Dashboard.Tests.Browser;

/// <summary>The day sheet's route filter and address column, and the route sheet: paged on screen, whole and bare in print, reorderable.</summary>
public sealed class RouteSheetPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_60_stop_route_is_filtered_on_the_day_sheet_paged_on_screen_printed_whole_without_buttons_and_reordered()
    {
        using var admin = await app.AdminClientAsync();
        var route = NewRoute("Sheet");
        var other = NewRoute("Other");
        await ApiScenario.EnsureRouteAsync(admin, route);
        var day = app.Today;
        var ids = new List<Guid>();
        for (var i = 1; i <= 60; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/customers", new
            {
                name = $"Stop {i:00}", address = $"{i} Temple Street", route, defaultQuantity = 1, pricePerLiter = 60, note = i == 1 ? "Ring twice" : null,
            });
            ids.Add((await ApiAssert.Json(response, System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var (elsewhere, _) = await CustomerOnSheetAsync(admin, "Elsewhere Esha", day, other);
        await PendingEntryAsync(admin, ids[0], day, 2m);

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1400, 900);
        await OpenAsync(page, $"/deliveries?date={day:yyyy-MM-dd}");
        await page.GetByTestId("deliveries-route").SelectOptionAsync(route);
        await Assertions.Expect(page.GetByTestId("route-group")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, elsewhere)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, ids[0]).GetByTestId("delivery-address")).ToHaveTextAsync("1 Temple Street");
        await Assertions.Expect(page.GetByTestId("day-total-liters")).ToHaveTextAsync("2 L");

        await page.GetByTestId("route-sheet-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("route-sheet-title")).ToContainTextAsync(route);
        var lines = page.GetByTestId("route-sheet-line");
        await Assertions.Expect(lines).ToHaveCountAsync(60);
        await Assertions.Expect(page.Locator("[data-testid=route-sheet-line]:visible")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByTestId("route-sheet-page")).ToHaveTextAsync("Stops 1–50 of 60");
        await Assertions.Expect(page.GetByTestId("route-sheet-liters")).ToHaveTextAsync("61 L"); // 2 L recorded + 59 × 1 L planned
        await Assertions.Expect(lines.First.GetByTestId("route-sheet-note")).ToHaveTextAsync("Ring twice");
        await page.GetByTestId("route-sheet-next").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=route-sheet-line]:visible")).ToHaveCountAsync(10);

        // Printed: every stop, and no button, menu or pager on the paper.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("[data-testid=route-sheet-line]:visible")).ToHaveCountAsync(60);
        Assert.Equal(0, await page.Locator("button:visible, select:visible, nav:visible, aside:visible").CountAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Stop 02 goes first: the sheet and the database say so.
        await page.GetByTestId("route-sheet-prev").ClickAsync();
        await lines.Nth(1).GetByTestId("route-sheet-up").ClickAsync();
        await Assertions.Expect(lines.First.GetByTestId("route-sheet-name")).ToHaveTextAsync("Stop 02");
        await Assertions.Expect(lines.Nth(1).GetByTestId("route-sheet-name")).ToHaveTextAsync("Stop 01");
        await using var db = app.Db();
        var orders = await db.Customers.Where(c => c.Id == ids[0] || c.Id == ids[1]).ToDictionaryAsync(c => c.Id, c => c.RouteOrder);
        Assert.Equal((2, 1), (orders[ids[0]], orders[ids[1]]));
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
    }
}
