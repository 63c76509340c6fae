using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoPaymentsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_yesterdays_payments_with_the_day_total()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-payments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payments-table")).ToBeVisibleAsync();
        var yesterday = app.Today.AddDays(-1).ToString("yyyy-MM-dd");
        await page.GetByTestId("payments-filter-from").FillAsync(yesterday);
        await page.GetByTestId("payments-filter-to").FillAsync(yesterday);
        await Assertions.Expect(page.GetByTestId("payments-day-total")).Not.ToHaveTextAsync("₹0.00");
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).ToHaveTextAsync(await page.GetByTestId("payments-day-total").InnerTextAsync());
        Assert.True(await page.GetByTestId("payment-row").CountAsync() >= 5);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Payments", Exact = true }).ClickAsync(); // no focus ring in the picture
        await Assertions.Expect(page.GetByTestId("payments-table")).ToHaveAttributeAsync("aria-busy", "false");
        await SaveAsync(page, "payments.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the payments page");
        // On a phone the form comes first; the picture shows the list under it.
        await page.EvaluateAsync("() => window.scrollBy(0, document.querySelector('[data-testid=payments-filter-from]').closest('.card').getBoundingClientRect().top - 8)");
        await SaveAsync(page, "payments-phone.png");
        await page.Context.CloseAsync();
    }
}
