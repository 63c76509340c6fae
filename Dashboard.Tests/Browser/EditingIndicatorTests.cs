using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Seed 002's editing indicators: "Priya is editing…" beside a customer on every other page that shows them, from a
/// browser or an app, on both hubs; gone when she closes, saves, or her tab dies.
/// </summary>
public sealed class EditingIndicatorTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float Live = 5_000;

    private static async Task<(string Email, string Password)> StaffAsync(HttpClient admin, string name)
    {
        var (id, email, password) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Staff);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { displayName = name })).EnsureSuccessStatusCode();
        return (email, password);
    }

    /// <summary>Priya has a new customer's editor open on their page; the admin's page on the same customer shows it.</summary>
    private async Task<(Guid Customer, IPage Editor, IPage Watcher)> PriyaEditingAsync(string name)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"{name} {Guid.NewGuid():N}"[..18]);
        var (priya, priyaPassword) = await StaffAsync(admin, "Priya");
        var editor = await browser.SignedInPageAsync(app.BaseAddress, priya, priyaPassword);
        var watcher = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(watcher, $"/customers/{customer}");
        await OpenAsync(editor, $"/customers/{customer}");
        await editor.GetByTestId("customer-edit").ClickAsync();
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToBeVisibleAsync(new() { Timeout = Live });
        return (customer, editor, watcher);
    }

    private static ILocator IndicatorIn(IPage page, Guid customer) => page.Locator($"[data-testid=editing-indicator][data-entity='customer:{customer}']");

    [Fact]
    public async Task Another_browser_sees_who_edits_a_customer_until_they_close_or_save_and_apps_hear_it_on_both_hubs()
    {
        using var admin = await app.AdminClientAsync();
        var name = $"Edited Esha {Guid.NewGuid():N}"[..18];
        var customer = await ApiScenario.CreateCustomerAsync(admin, name);
        var (priya, priyaPassword) = await StaffAsync(admin, "Priya");
        await using var socketApp = await BothTransports.ConnectAsync(app, "socket.io", DashboardApp.AdminEmail, app.AdminPassword);
        await using var hubApp = await BothTransports.ConnectAsync(app, "signalr", DashboardApp.AdminEmail, app.AdminPassword);

        var editor = await browser.SignedInPageAsync(app.BaseAddress, priya, priyaPassword);
        var watcher = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(watcher, "/customers");
        var watched = await FindRowAsync(watcher, name);
        await OpenAsync(editor, "/customers");
        var row = await FindRowAsync(editor, name);

        await row.GetByTestId("customer-edit").ClickAsync();
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveTextAsync("Priya is editing…", new() { Timeout = Live });
        foreach (var client in new[] { socketApp, hubApp })
        {
            var typing = (await client.WaitForEventAsync("activity:typing", t => t[0].GetProperty("entity").GetString() == $"customer:{customer}"))[0];
            Assert.Equal(("Priya", "editing"), (typing.GetProperty("user").GetProperty("name").GetString(), typing.GetProperty("action").GetString()));
        }

        await watched.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await SaveAsync(watcher, "editing-indicator.png");

        // Closing the editor clears it everywhere.
        await editor.Keyboard.PressAsync("Escape");
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = Live });
        await socketApp.WaitForEventAsync("activity:stop-typing", t => t[0].GetProperty("entity").GetString() == $"customer:{customer}");

        // Editing again and saving clears it too; the editor itself never shows its own user.
        await row.GetByTestId("customer-edit").ClickAsync();
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToBeVisibleAsync(new() { Timeout = Live });
        await Assertions.Expect(IndicatorIn(editor, customer)).ToHaveCountAsync(0);
        await FillFormAsync(editor, price: "61");
        await editor.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(editor.GetByTestId("customer-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = Live });

        // An app's indicator shows in the browsers (here on the customer's own page), and its stop clears it.
        await OpenAsync(watcher, $"/customers/{customer}");
        var (appUser, appPassword) = await StaffAsync(admin, "Arjun");
        await using var arjun = await BothTransports.ConnectAsync(app, "socket.io", appUser, appPassword);
        Assert.Null((await BothTransports.CallAsync(arjun, "activity:typing", new { entity = $"customer:{customer}", action = "editing" })).ErrorCode());
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveTextAsync("Arjun is editing…", new() { Timeout = Live });
        await BothTransports.CallAsync(arjun, "activity:stop-typing", new { entity = $"customer:{customer}" });
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = Live });
        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task An_apps_indicator_it_stops_refreshing_clears_after_the_expiry_though_the_app_stays_connected()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Quiet Qadir {Guid.NewGuid():N}"[..18]);
        var watcher = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(watcher, $"/customers/{customer}");
        var (appUser, appPassword) = await StaffAsync(admin, "Arjun");
        await using var arjun = await BothTransports.ConnectAsync(app, "socket.io", appUser, appPassword);
        await using var listener = await BothTransports.ConnectAsync(app, "signalr", DashboardApp.AdminEmail, app.AdminPassword);

        var said = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null((await BothTransports.CallAsync(arjun, "activity:typing", new { entity = $"customer:{customer}", action = "editing" })).ErrorCode());
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveTextAsync("Arjun is editing…", new() { Timeout = Live });

        // No refresh, no stop, the connection still up: the indicator ends once the 10 s expiry has passed, not before.
        await listener.WaitForEventAsync("activity:stop-typing", t => t[0].GetProperty("entity").GetString() == $"customer:{customer}", TimeSpan.FromSeconds(20));
        Assert.True(said.Elapsed >= TimeSpan.FromSeconds(9), $"it ended after {said.Elapsed}, before the expiry");
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = Live });
        Assert.Null((await BothTransports.CallAsync(arjun, "heartbeat", new { })).ErrorCode()); // the app is still connected
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task Leaving_the_page_with_the_editor_open_clears_the_indicator_at_once()
    {
        var (customer, editor, watcher) = await PriyaEditingAsync("Left Lata");

        // Navigating inside the tab (its circuit lives on): the editor goes with the page, and so does the indicator,
        // sooner than the 10 s expiry would take it.
        var left = System.Diagnostics.Stopwatch.StartNew();
        await editor.EvaluateAsync("Blazor.navigateTo('/payments')");
        await Assertions.Expect(editor.GetByTestId("customer-dialog")).ToHaveCountAsync(0, new() { Timeout = Live });
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = Live });
        Assert.True(left.Elapsed < TimeSpan.FromSeconds(8), $"it cleared after {left.Elapsed}: by the expiry, not by leaving");
        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task A_killed_editing_tab_clears_for_everyone_within_the_expiry()
    {
        var (customer, editor, watcher) = await PriyaEditingAsync("Killed Kiran");

        await editor.Context.CloseAsync(); // no stop, no save: the tab is gone
        await Assertions.Expect(IndicatorIn(watcher, customer)).ToHaveCountAsync(0, new() { Timeout = 12_000 });
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task A_day_sheet_row_being_changed_and_a_payment_being_drafted_show_who_is_at_it()
    {
        using var admin = await app.AdminClientAsync();
        var route = DeliverySteps.NewRoute("Edit");
        var (customer, entry) = await DeliverySteps.CustomerOnSheetAsync(admin, $"Sheet Shanti {route}", app.Today, route);
        var (priya, priyaPassword) = await StaffAsync(admin, "Priya");
        var editor = await browser.SignedInPageAsync(app.BaseAddress, priya, priyaPassword);
        var watcher = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await DeliverySteps.OpenDayAsync(watcher, app.Today);
        await DeliverySteps.OpenDayAsync(editor, app.Today);

        await DeliverySteps.Row(editor, customer).GetByTestId("delivery-quantity").FocusAsync();
        var indicator = watcher.Locator($"[data-testid=editing-indicator][data-entity='delivery:{entry}']");
        await Assertions.Expect(indicator).ToHaveTextAsync("Priya is editing…", new() { Timeout = Live });
        await editor.GetByTestId("deliveries-date").FocusAsync(); // the focus leaves the row
        await Assertions.Expect(indicator).ToHaveCountAsync(0, new() { Timeout = Live });

        // Two people taking the same customer's cash: the second sees the first at it.
        await OpenAsync(editor, "/payments");
        await OpenAsync(watcher, "/payments");
        foreach (var page in new[] { editor, watcher })
        {
            await page.GetByTestId("payment-form-customer-search").PressSequentiallyAsync($"Sheet Shanti {route}");
            await page.GetByTestId("payment-form-customer-option").First.ClickAsync();
            await Assertions.Expect(page.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync($"Sheet Shanti {route}");
        }

        var drafting = watcher.Locator($"[data-testid=editing-indicator][data-entity='payment:{customer}']");
        await Assertions.Expect(drafting).ToHaveTextAsync("Priya is editing…", new() { Timeout = Live });
        await editor.GetByTestId("payment-form-customer-change").ClickAsync();
        await Assertions.Expect(drafting).ToHaveCountAsync(0, new() { Timeout = Live });
        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }
}
