using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>A Socket.IO write meets the other channels in the domain: the open dashboard re-renders.</summary>
public sealed class SocketIOCrossChannelTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_socket_io_write_re_renders_an_open_dashboard_page()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Socket To Browser");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var ack = (await client.EmitWithAckAsync("payment:add", new { customerId = customer, amount = 321.45, method = "BANK" }))[0];
            Assert.Null(ack.ErrorCode());
            await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToContainTextAsync("321.45", new() { Timeout = 2_000 });
            var row = page.GetByTestId("activity-feed").Locator("[data-action='payment.added']").First;
            await Assertions.Expect(row).ToContainTextAsync("Socket To Browser paid ₹321.45", new() { Timeout = 2_000 });
            await Assertions.Expect(row).ToContainTextAsync("socket.io");
        }

        await page.Context.CloseAsync();
    }
}
