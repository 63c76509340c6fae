using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoSettingsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_its_profile_and_closing_it_puts_the_banner_on_the_page()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("business-name")).ToHaveValueAsync("Gokul Dairy");
        await Assertions.Expect(page.GetByTestId("business-address")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Jayanagar"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true }).ClickAsync();
        await SaveAsync(page, "settings.png");

        await page.GetByTestId("business-status").ClickAsync();
        await page.GetByTestId("business-status-message").FillAsync("Closed for Ugadi, back on Thursday");
        await page.GetByTestId("business-status-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("closed-banner")).ToContainTextAsync("Gokul Dairy is closed: Closed for Ugadi, back on Thursday");
        await Assertions.Expect(page.GetByTestId("settings-status")).ToContainTextAsync("Closed");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true }).ClickAsync();
        await SaveAsync(page, "settings-closed.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the settings page");
        await page.Context.CloseAsync();
    }
}
