using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoPaymentsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_a_week_of_payments_with_their_totals()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-payments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payments-table")).ToBeVisibleAsync();
        await page.GetByTestId("payments-filter-from").FillAsync(app.Today.AddDays(-6).ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.GetByTestId("payment-row")).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).Not.ToHaveTextAsync("₹0.00");
        await Assertions.Expect(page.GetByTestId("payments-table")).ToHaveAttributeAsync("aria-busy", "false");
        await SaveAsync(page, "payments.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the payments page");
        await SaveAsync(page, "payments-phone.png");
        await page.Context.CloseAsync();
    }
}
