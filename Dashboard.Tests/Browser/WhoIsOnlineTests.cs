using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

public sealed class WhoIsOnlineTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_users_page_shows_hub_connections_and_browser_tabs_arrive_and_leave_live()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-table")).ToContainTextAsync(email);
        var online = page.GetByTestId("online-users");
        await Assertions.Expect(online.GetByTestId("online-transport").Filter(new() { HasText = "browser" }).First).ToBeVisibleAsync();

        var (agent, token) = await HubScenario.ConnectAsync(app, email, password);
        var agentRow = online.Locator($"[data-user-id='{token.User.Id}']");
        await using (agent)
        {
            await Assertions.Expect(agentRow).ToContainTextAsync("signalr", new() { Timeout = 2_000 });
        }

        await Assertions.Expect(agentRow).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_cannot_open_the_users_page_and_read_that_it_is_for_admins()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var page = await browser.SignedInPageAsync(app.BaseAddress, email, password);
        await Assertions.Expect(page.GetByTestId("nav-users")).ToHaveCountAsync(0);
        await page.GotoAsync("/users");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        // Not "for admins and staff": they are staff (a newcomer read that and wondered why it refused them).
        await Assertions.Expect(page.GetByTestId("access-denied").Locator(".empty-title")).ToHaveTextAsync("This page is for admins");
        await Assertions.Expect(page.GetByTestId("access-denied")).ToContainTextAsync("Ask an admin");
        await Assertions.Expect(page.GetByTestId("users-table")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Who_is_online_shows_the_page_a_second_browser_is_on_as_it_navigates_and_drops_it_when_closed()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        var online = page.GetByTestId("online-users");
        await Assertions.Expect(online.GetByTestId("online-page").Filter(new() { HasText = "/users" }).First).ToBeVisibleAsync();

        var staff = await browser.SignedInPageAsync(app.BaseAddress, email, password);
        var staffRow = online.Locator($"[data-user-id='{await UserSteps.UserIdAsync(app, email)}']");
        await Assertions.Expect(staffRow.GetByTestId("online-page")).ToHaveTextAsync("/", new() { Timeout = 5_000 });
        await Assertions.Expect(staffRow.GetByTestId("online-transport")).ToHaveTextAsync("browser");

        await staff.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(staffRow.GetByTestId("online-page")).ToHaveTextAsync("/customers", new() { Timeout = 5_000 });

        await staff.Context.CloseAsync();
        await Assertions.Expect(staffRow).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await page.Context.CloseAsync();
    }
}
