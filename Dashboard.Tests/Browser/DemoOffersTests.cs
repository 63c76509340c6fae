using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoOffersTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_an_offer_in_each_state()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-offers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("offer-row")).ToHaveCountAsync(5);
        ILocator Status(string code) => page.Locator($"[data-testid=offer-row][data-code={code}]").GetByTestId("offer-status");
        await Assertions.Expect(Status("WELCOME10")).ToHaveTextAsync("Running");
        await Assertions.Expect(Status("FESTIVE50")).ToHaveTextAsync("Running");
        await Assertions.Expect(Status("MONSOON15")).ToHaveTextAsync("Ended");
        await Assertions.Expect(Status("SUNDAY20")).ToHaveTextAsync("Scheduled");
        await Assertions.Expect(Status("BULK100")).ToHaveTextAsync("Off");
        await Assertions.Expect(page.Locator("[data-testid=offer-row][data-code=WELCOME10]").GetByTestId("offer-discount")).ToHaveTextAsync("10 %");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Offers", Exact = true }).ClickAsync(); // no focus ring in the picture
        await SaveAsync(page, "offers.png");
        await AssertTablesFitAsync(page, "the offers page beside the sidebar");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the offers page");
        await page.Context.CloseAsync();
    }
}
