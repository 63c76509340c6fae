using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoNotificationsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_admin_s_bell_counts_the_unread_orders_and_lists_the_newest_first()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1400, 900);
        // Eight demo orders, three of them confirmed (read), one cancelled (a second notification): six unread.
        await Assertions.Expect(page.GetByTestId("notification-count")).ToHaveTextAsync("6");
        await page.GetByTestId("notification-toggle").ClickAsync();
        var items = page.GetByTestId("notification-menu").GetByTestId("notification-item");
        await Assertions.Expect(items).ToHaveCountAsync(8);
        await Assertions.Expect(items.First.GetByTestId("notification-title")).ToContainTextAsync("New order #");
        await SaveAsync(page, "notifications.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the open notification list");
        await page.Context.CloseAsync();
    }
}
