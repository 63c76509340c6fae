using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Realtime;

/// <summary>No transport talks to another: they meet in the domain, so a write on one shows up on all.</summary>
public sealed class HubCrossChannelTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_hub_write_re_renders_an_open_dashboard_page()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Hub To Browser");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var result = await client.InvokeAsync("payment:add", new { customerId = customer, amount = 432.10, method = "CASH" });
            Assert.Null(result.ErrorCode());
            await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToContainTextAsync("432.10", new() { Timeout = 2_000 });
            var row = page.GetByTestId("activity-feed").Locator("[data-action='payment.added']").First;
            await Assertions.Expect(row).ToContainTextAsync("Hub To Browser paid ₹432.10", new() { Timeout = 2_000 });
            await Assertions.Expect(row).ToContainTextAsync("hub");
        }

        await page.Context.CloseAsync();
    }
}
