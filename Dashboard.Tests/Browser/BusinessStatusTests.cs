using System.Net.Http.Json;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Closing from the header in one browser: the banner shows on every open page — another user's, on another page — and
/// in the owner's app, and goes when the business reopens over REST; the Settings page saves the profile.
/// </summary>
public sealed class BusinessStatusTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Closed_from_the_header_the_banner_shows_on_every_open_page_and_goes_when_reopened()
    {
        using var admin = await app.AdminClientAsync();
        var (staffEmail, staffPassword) = await Api.ApiScenario.CreateUserAsync(admin, "Staff");
        var owner = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(owner, "/orders");
        var office = await browser.SignedInPageAsync(app.BaseAddress, staffEmail, staffPassword);
        await OpenAsync(office, "/customers");
        await MarkDocumentAsync(owner);
        await MarkDocumentAsync(office);
        var (ownerApp, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (ownerApp)
        {
            await Assertions.Expect(owner.GetByTestId("closed-banner")).ToHaveCountAsync(0);
            await Assertions.Expect(office.GetByTestId("business-status")).ToHaveAttributeAsync("data-open", "true");

            await office.GetByTestId("business-status").ClickAsync();
            await office.GetByTestId("business-status-message").FillAsync("Closed for Ugadi, back tomorrow");
            await office.GetByTestId("business-status-confirm").ClickAsync();

            foreach (var page in new[] { owner, office })
            {
                await Assertions.Expect(page.GetByTestId("closed-banner")).ToContainTextAsync("is closed: Closed for Ugadi, back tomorrow",
                    new() { Timeout = TwoSeconds });
                await Assertions.Expect(page.GetByTestId("business-status")).ToHaveAttributeAsync("data-open", "false");
            }

            var heard = await ownerApp.WaitForEventAsync("business:status:update", e => !e[0].GetProperty("isOpen").GetBoolean());
            Assert.Equal("Closed for Ugadi, back tomorrow", heard[0].GetProperty("message").GetString());

            await ApiAssert.Json(await admin.PutAsJsonAsync("/api/v1/business/status", new { isOpen = true }));
            foreach (var page in new[] { owner, office })
            {
                await Assertions.Expect(page.GetByTestId("closed-banner")).ToHaveCountAsync(0, new() { Timeout = TwoSeconds });
                await Assertions.Expect(page.GetByTestId("business-status")).ToHaveAttributeAsync("data-open", "true");
                await AssertSameDocumentAsync(page);
            }
        }

        await owner.Context.CloseAsync();
        await office.Context.CloseAsync();
    }

    [Fact]
    public async Task The_settings_page_saves_the_profile_names_a_bad_field_and_is_for_admins_only()
    {
        using var admin = await app.AdminClientAsync();
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, "/settings");
        await page.GetByTestId("business-name").FillAsync("");
        await page.GetByTestId("business-save").ClickAsync();
        await Assertions.Expect(page.Locator("#business-name.is-invalid")).ToBeVisibleAsync();

        await page.GetByTestId("business-name").FillAsync("Kamadhenu Milk");
        await page.GetByTestId("business-hours").FillAsync("Every day 6:00–9:30");
        await page.GetByTestId("business-save").ClickAsync();
        await Assertions.Expect(page.Locator("#business-name.is-invalid")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("business-time-zone")).ToContainTextAsync("Asia/Kolkata");
        var saved = await ApiAssert.Json(await admin.GetAsync("/api/v1/business"));
        Assert.Equal(("Kamadhenu Milk", "Every day 6:00–9:30"), (saved.GetProperty("name").GetString(), saved.GetProperty("openingHours").GetString()));

        var (staffEmail, staffPassword) = await Api.ApiScenario.CreateUserAsync(admin, "Staff");
        var staff = await browser.SignedInPageAsync(app.BaseAddress, staffEmail, staffPassword);
        await staff.GotoAsync("/settings");
        await Assertions.Expect(staff.GetByTestId("business-profile-form")).ToHaveCountAsync(0);
        await Assertions.Expect(staff.GetByTestId("nav-settings")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        await staff.Context.CloseAsync();
    }
}
