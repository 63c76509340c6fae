using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Browser.DeliverySteps;

namespace Dashboard.Tests.Browser;

/// <summary>A customer's app pauses over Socket.IO and the open day sheet and customer page show it at once; the office works the subscription card.</summary>
public sealed class SubscriptionPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float Live = 5_000;

    [Fact]
    public async Task An_app_s_pause_over_socket_io_skips_the_day_on_the_open_sheet_and_lists_a_customer_not_on_it_as_paused()
    {
        using var admin = await app.AdminClientAsync();
        var day = app.Today.AddDays(1);
        var route = NewRoute("Pause");
        var (onSheet, _) = await CustomerOnSheetAsync(admin, "Sheet Shalini", day, route);
        var offSheet = await ApiScenario.CreateCustomerAsync(admin, "Unsheeted Uma", route: route);
        var (emailOn, passwordOn) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, onSheet);
        var (emailOff, passwordOff) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, offSheet);
        await using var appOn = (await SocketIOScenario.ConnectAsync(app, emailOn, passwordOn)).Client;
        await using var appOff = (await SocketIOScenario.ConnectAsync(app, emailOff, passwordOff)).Client;
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenDayAsync(page, day);
        await MarkDocumentAsync(page);
        await Assertions.Expect(Row(page, onSheet).GetByTestId("delivery-status")).ToHaveTextAsync("Pending");
        var waiting = page.Locator($"[data-testid=not-on-sheet-row][data-customer-id='{offSheet}']");
        await Assertions.Expect(waiting).ToContainTextAsync("1.5 L due");

        Assert.Null((await BothTransports.CallAsync(appOn, "subscription:pause", new { from = day, to = day.AddDays(2), reason = "Wedding" })).ErrorCode());
        Assert.Null((await BothTransports.CallAsync(appOff, "subscription:pause", new { from = day, to = day.AddDays(6) })).ErrorCode());

        await Assertions.Expect(Row(page, onSheet).GetByTestId("delivery-status")).ToHaveTextAsync("Skipped", new() { Timeout = Live });
        await Assertions.Expect(waiting.GetByTestId("not-on-sheet-paused")).ToHaveTextAsync($"Paused until {day.AddDays(6):d MMM}", new() { Timeout = Live });
        await Assertions.Expect(waiting).ToContainTextAsync("paused (not added by Generate)");
        await AssertSameDocumentAsync(page);
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_office_sets_weekdays_a_change_and_a_pause_on_the_customer_page_and_the_app_hears_each()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Card Chandni");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        await using var phone = (await SocketIOScenario.ConnectAsync(app, email, password)).Client;
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/customers/{customer}");
        var card = page.GetByTestId("subscription-card");
        await Assertions.Expect(card.GetByTestId("subscription-summary")).ToHaveTextAsync("Every day · mornings");
        await Assertions.Expect(card.GetByTestId("subscription-day")).ToHaveCountAsync(7);

        // Weekdays: Saturday and Sunday, evenings.
        await card.GetByTestId("subscription-edit-days").ClickAsync();
        await card.GetByTestId("subscription-pattern").SelectOptionAsync("weekdays");
        await card.GetByTestId("subscription-save").ClickAsync();
        await Assertions.Expect(card.GetByTestId("field-error-weekdays")).ToHaveTextAsync("Choose at least one weekday.");
        await card.GetByTestId("subscription-weekday-sat").ClickAsync();
        await card.GetByTestId("subscription-weekday-sun").ClickAsync();
        await card.GetByTestId("subscription-shift").SelectOptionAsync("evening");
        await card.GetByTestId("subscription-save").ClickAsync();
        await Assertions.Expect(card.GetByTestId("subscription-summary")).ToHaveTextAsync("Sat, Sun · evenings");
        await phone.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("pattern").GetString() == "weekdays");
        var kinds = await card.GetByTestId("subscription-day").EvaluateAllAsync<string[]>("days => days.map(d => d.dataset.kind)");
        var dates = Enumerable.Range(0, 7).Select(app.Today.AddDays);
        Assert.Equal(dates.Select(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "delivery" : "off-day"), kinds);

        // From next week 2 L at a new price.
        var from = app.Today.AddDays(7);
        await card.GetByTestId("subscription-edit-change").ClickAsync();
        await card.GetByTestId("subscription-change-from").FillAsync(from.ToString("yyyy-MM-dd"));
        await card.GetByTestId("subscription-change-quantity").FillAsync("2");
        await card.GetByTestId("subscription-change-price").FillAsync("64");
        await card.GetByTestId("subscription-save").ClickAsync();
        await Assertions.Expect(card.GetByTestId("subscription-change")).ToContainTextAsync("2 L a day, ₹64.00 a liter");
        await phone.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("changes").GetArrayLength() == 1);

        // A pause that ends before it starts says so beside the field, once; then a good one.
        await card.GetByTestId("subscription-edit-pause").ClickAsync();
        await card.GetByTestId("subscription-pause-from").FillAsync(app.Today.AddDays(3).ToString("yyyy-MM-dd"));
        await card.GetByTestId("subscription-pause-to").FillAsync(app.Today.AddDays(2).ToString("yyyy-MM-dd"));
        await card.GetByTestId("subscription-save").ClickAsync();
        await Assertions.Expect(card.GetByTestId("field-error-to")).ToHaveTextAsync("The pause must end on or after the day it starts.");
        await Assertions.Expect(card.GetByTestId("subscription-error")).ToHaveCountAsync(0);
        await card.GetByTestId("subscription-pause-to").FillAsync(app.Today.AddDays(10).ToString("yyyy-MM-dd"));
        await card.GetByTestId("subscription-pause-reason").FillAsync("Visiting family");
        await card.GetByTestId("subscription-save").ClickAsync();
        await Assertions.Expect(card.GetByTestId("subscription-pause")).ToContainTextAsync("Visiting family");
        await phone.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("pauses").GetArrayLength() == 1);

        // The app takes it back itself: the card follows without a reload.
        var pauseId = Guid.Parse((await card.GetByTestId("subscription-pause").GetAttributeAsync("data-id"))!);
        Assert.Null((await BothTransports.CallAsync(phone, "subscription:resume", new { pauseId })).ErrorCode());
        await Assertions.Expect(card.GetByTestId("subscription-pause")).ToHaveCountAsync(0, new() { Timeout = Live });

        await using var db = app.Db();
        var row = await db.Subscriptions.SingleAsync(s => s.CustomerId == customer);
        Assert.Equal((0b1000001, Dashboard.Domain.Subscriptions.Shift.Evening), (row.Weekdays, row.Shift));
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
    }
}
