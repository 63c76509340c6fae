using System.Net.Http.Json;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>The real-time page of the demo business, with an owner's app, an agent's and a customer's connected.</summary>
public sealed class DemoRealtimeTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_its_connections_rooms_and_traffic()
    {
        using var admin = await app.AdminClientAsync();
        await CreateAsync(admin, "priya.staff@dairy.example", "Priya Nair", "Staff");
        await CreateAsync(admin, "ravi.agent@dairy.example", "Ravi Shetty", "Delivery");

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1440, 1280);
        await page.GetByTestId("nav-realtime").ClickAsync();

        var (owner, _) = await SocketIOScenario.ConnectAsync(app, "priya.staff@dairy.example", "Priya-pass-2026!", ns: "/admin");
        var (agent, _) = await HubScenario.ConnectAsync(app, "ravi.agent@dairy.example", "Ravi-pass-2026!");
        await using (owner)
        await using (agent)
        {
            Assert.True((await owner.EmitWithAckAsync("join-room", "admin-dashboard"))[0].GetBoolean());
            await owner.EmitWithAckAsync("page:navigate", new { path = "LiveUsers" });
            await agent.InvokeAsync("page:navigate", new { path = "TodayRoute" });
            for (var i = 0; i < 5; i++)
            {
                await agent.InvokeAsync("heartbeat");
            }

            await agent.InvokeAsync("page:navigate", new { path = "<nope>" }); // one error, so the card has a row

            await Assertions.Expect(page.GetByTestId("rt-connection")).ToHaveCountAsync(3, new() { Timeout = 5_000 });
            await Assertions.Expect(page.Locator("[data-testid='rt-room'][data-room='admin-dashboard']")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("rt-errors-row")).ToContainTextAsync("VALIDATION_FAILED", new() { Timeout = 5_000 });
            await page.WaitForTimeoutAsync(1_500); // a tick or two on the chart
            await SaveAsync(page, "realtime.png");
        }

        await page.Context.CloseAsync();
    }

    private static async Task CreateAsync(HttpClient admin, string email, string name, string role)
    {
        var password = name.Split(' ')[0] + "-pass-2026!";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role, displayName = name })).EnsureSuccessStatusCode();
    }
}
