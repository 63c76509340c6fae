using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>The Users page of the demo business, with a few accounts and a second person online.</summary>
public sealed class DemoUsersTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_its_users_and_who_is_online()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Meena Iyer");
        var staff = await CreateAsync(admin, "sunil.staff@dairy.example", "Sunil Kumar", "Staff");
        var agent = await CreateAsync(admin, "ramesh.agent@dairy.example", "Ramesh Gowda", "Delivery");
        var leaver = await CreateAsync(admin, "old.agent@dairy.example", "Old Agent", "Delivery");
        await CreateAsync(admin, "meena@dairy.example", "Meena Iyer", "Customer", customerId);
        (await admin.PostAsync($"/api/v1/users/{leaver}/disable", null)).EnsureSuccessStatusCode();

        var other = await browser.SignedInPageAsync(app.BaseAddress, "sunil.staff@dairy.example", "Sunil-pass-2026!");
        await other.GetByTestId("nav-customers").ClickAsync();

        // The agent's app, on its route screen: apps and browser tabs in one list.
        var (app2, _) = await Realtime.SocketIO.SocketIOScenario.ConnectAsync(app, "ramesh.agent@dairy.example", "Ramesh-pass-2026!");
        await using var agentApp = app2;
        await agentApp.EmitWithAckAsync("page:navigate", new { path = "TodayRoute" });

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-row")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator($"[data-user-id='{staff}']").GetByTestId("online-page")).ToHaveTextAsync("/customers");
        await Assertions.Expect(page.Locator($"[data-user-id='{agent}']").GetByTestId("online-page")).ToHaveTextAsync("TodayRoute");
        await SaveAsync(page, "users.png");
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the users page");
        await SaveAsync(page, "users-phone.png");
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static async Task<string> CreateAsync(HttpClient admin, string email, string name, string role, Guid? customerId = null)
    {
        var password = name.Split(' ')[0] + "-pass-2026!";
        var response = await admin.PostAsync("/api/v1/users", System.Net.Http.Json.JsonContent.Create(new { email, password, role, customerId, displayName = name }));
        return (await ApiAssert.Json(response, System.Net.HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
