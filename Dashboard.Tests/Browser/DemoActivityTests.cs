using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoActivityTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_its_activity_with_an_edit_opened()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-activity").ClickAsync();
        await Assertions.Expect(page.GetByTestId("activity-row")).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("activity-table-pager-summary")).ToContainTextAsync("of ");

        // The demo's rows were all written by the seeder; a price change made now shows what an edit's details look like.
        using var admin = await app.AdminClientAsync();
        var customer = (await ApiAssert.Json(await admin.GetAsync("/api/v1/customers?pageSize=1"))).GetProperty("items")[0];
        var price = customer.GetProperty("pricePerLiter").GetDecimal();
        await ApiScenario.EnsureRouteAsync(admin, "Jayanagar 4th Block");
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{customer.GetProperty("id").GetGuid()}",
            new { pricePerLiter = price + 2, route = "Jayanagar 4th Block" }));
        var top = page.GetByTestId("activity-row").First;
        await Assertions.Expect(top.GetByTestId("activity-action")).ToHaveTextAsync("customer.updated", new() { Timeout = 5_000 });
        await top.GetByTestId("activity-expand").ClickAsync();
        await Assertions.Expect(page.GetByTestId("activity-details").GetByTestId("activity-diff-field").First).ToBeVisibleAsync();
        // Let the new row's highlight fade before the picture.
        await page.WaitForFunctionAsync("() => document.getAnimations().length === 0");
        await SaveAsync(page, "activity.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the activity page");
        await SaveAsync(page, "activity-phone.png");
        await page.Context.CloseAsync();
    }
}
