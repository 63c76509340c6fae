using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoStockTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_depot_shows_products_below_their_minimum_at_each_severity_and_its_history()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-stock").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stock-row")).ToHaveCountAsync(6);
        ILocator Severity(string product) => page.GetByTestId("stock-row").Filter(new() { HasText = product }).GetByTestId("stock-severity");
        await Assertions.Expect(Severity("Butter")).ToHaveTextAsync("Critical");
        await Assertions.Expect(Severity("Paneer 200 g")).ToHaveTextAsync("High");
        await Assertions.Expect(Severity("Curd 500 g")).ToHaveTextAsync("Medium");
        await Assertions.Expect(Severity("Ghee 1 kg")).ToHaveTextAsync("OK");
        await Assertions.Expect(page.GetByTestId("stock-daily-milk")).ToContainTextAsync("Toned milk");
        await Assertions.Expect(page.GetByTestId("stock-movement").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Stock", Exact = true }).ClickAsync(); // no focus ring in the picture
        await SaveAsync(page, "stock.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the stock page");
        await page.Context.CloseAsync();
    }
}
