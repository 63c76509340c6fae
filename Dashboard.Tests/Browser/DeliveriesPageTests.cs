using Dashboard.Domain.Deliveries;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.DeliverySteps;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The day sheet in one browser. Each test works on a day of its own (and routes of its own), so its totals are its own.
/// </summary>
public sealed class DeliveriesPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private Task<IPage> SignInAsync() => browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);

    [Fact]
    public async Task An_inline_edit_writes_the_entry_and_updates_the_totals()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-1);
        var route = NewRoute("Ed");
        var (first, firstEntry) = await CustomerOnSheetAsync(admin, "Edit Esha", date, route, quantity: 1m, price: 60m);
        var (second, secondEntry) = await CustomerOnSheetAsync(admin, "Edit Farid", date, route, quantity: 2m, price: 50m);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        await Assertions.Expect(page.GetByTestId("day-total-liters")).ToHaveTextAsync("3 L");
        await Assertions.Expect(page.GetByTestId("day-total-amount")).ToHaveTextAsync("₹160.00");

        // Enter saves and moves to the next row's input; leaving an input saves too.
        await TypeQuantityAsync(Row(page, first), "2.5");
        await Assertions.Expect(Row(page, first).GetByTestId("delivery-amount")).ToHaveTextAsync("₹150.00");
        await Assertions.Expect(Row(page, second).GetByTestId("delivery-quantity")).ToBeFocusedAsync();
        await Row(page, second).GetByTestId("delivery-quantity").FillAsync("3");
        await page.GetByTestId("deliveries-day").ClickAsync();
        await Assertions.Expect(Row(page, second).GetByTestId("delivery-amount")).ToHaveTextAsync("₹150.00");
        await Assertions.Expect(Group(page, route).GetByTestId("route-total-liters")).ToHaveTextAsync("5.5 L");
        await Assertions.Expect(page.GetByTestId("day-total-liters")).ToHaveTextAsync("5.5 L");
        await Assertions.Expect(page.GetByTestId("day-total-amount")).ToHaveTextAsync("₹300.00");
        await Assertions.Expect(Row(page, first).GetByTestId("delivery-updated-by")).ToContainTextAsync("Administrator");

        // Escape puts back what the row showed; nothing is saved.
        var input = Row(page, first).GetByTestId("delivery-quantity");
        await input.FillAsync("9");
        await input.PressAsync("Escape");
        await Assertions.Expect(input).ToHaveValueAsync("2.5");
        await page.GetByTestId("deliveries-day").ClickAsync();

        await using var db = app.Db();
        var rows = await db.DailyEntries.Where(e => e.Id == firstEntry || e.Id == secondEntry).ToDictionaryAsync(e => e.Id);
        Assert.Equal((2.5m, 150m, 2), (rows[firstEntry].Quantity, rows[firstEntry].Amount, rows[firstEntry].Version));
        Assert.Equal((3m, 150m), (rows[secondEntry].Quantity, rows[secondEntry].Amount));
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == firstEntry.ToString() && a.Channel == Dashboard.Domain.Common.Channel.Web));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Zero_liters_typed_on_a_pending_row_marks_it_skipped_not_pending()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today;
        var (customer, _) = await CustomerOnSheetAsync(admin, "Zero Zarina", date, NewRoute("Zero"), quantity: 1m);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        var row = Row(page, customer);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "pending");

        await TypeQuantityAsync(row, "0");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "skipped");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_quantity_shows_the_domains_message_on_the_row_and_writes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-2);
        var (customer, entry) = await CustomerOnSheetAsync(admin, "Careful Chandni", date, NewRoute("Bad"), quantity: 1m);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        var row = Row(page, customer);
        var activity = await CountActivityAsync();

        await TypeQuantityAsync(row, "-1");
        await Assertions.Expect(row.GetByTestId("delivery-error")).ToHaveTextAsync("Quantity must be at least 0.");
        await Assertions.Expect(row.GetByTestId("delivery-quantity")).ToHaveValueAsync("-1");
        await TypeQuantityAsync(row, "150");
        await Assertions.Expect(row.GetByTestId("delivery-error")).ToHaveTextAsync("Quantity must be at most 20 L: no household takes more in a day here.");
        await Assertions.Expect(row.GetByTestId("delivery-amount")).ToHaveTextAsync("₹60.00");
        await Assertions.Expect(page.GetByTestId("day-total-liters")).ToHaveTextAsync("1 L");

        await using (var db = app.Db())
        {
            Assert.Equal((1m, 1), await db.DailyEntries.Where(e => e.Id == entry).Select(e => ValueTuple.Create(e.Quantity, e.Version)).SingleAsync());
        }

        Assert.Equal(activity, await CountActivityAsync());
        // Escape gives the value back and takes the message away.
        await row.GetByTestId("delivery-quantity").FocusAsync();
        await row.GetByTestId("delivery-quantity").PressAsync("Escape");
        await Assertions.Expect(row.GetByTestId("delivery-quantity")).ToHaveValueAsync("1");
        await Assertions.Expect(row.GetByTestId("delivery-error")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Delivered_and_skipped_toggle_and_pressing_again_goes_back_to_pending()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-3);
        var route = NewRoute("Tg");
        var (customer, entry) = await CustomerOnSheetAsync(admin, "Toggle Tara", date, route, quantity: 2m, price: 50m);
        await CustomerOnSheetAsync(admin, "Toggle Uma", date, route, quantity: 1m, price: 50m);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        var row = Row(page, customer);
        var delivered = row.GetByTestId("delivery-delivered");
        var skipped = row.GetByTestId("delivery-skipped");
        await Assertions.Expect(delivered).ToHaveAttributeAsync("aria-pressed", "false");

        await delivered.ClickAsync();
        await Assertions.Expect(delivered).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(row.GetByTestId("delivery-status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(page.GetByTestId("day-count-delivered")).ToHaveTextAsync("1");
        await Assertions.Expect(Group(page, route).GetByTestId("route-count-pending")).ToHaveTextAsync("1");
        Assert.Equal(DeliveryStatus.Delivered, await StatusAsync(entry));

        await delivered.ClickAsync();
        await Assertions.Expect(row.GetByTestId("delivery-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(delivered).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(DeliveryStatus.Pending, await StatusAsync(entry));

        // Skipped leaves the day's liters and amount.
        await skipped.ClickAsync();
        await Assertions.Expect(skipped).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("day-count-skipped")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("day-total-liters")).ToHaveTextAsync("1 L");
        await Assertions.Expect(page.GetByTestId("day-total-amount")).ToHaveTextAsync("₹50.00");
        Assert.Equal(DeliveryStatus.Skipped, await StatusAsync(entry));

        // From the keyboard: the buttons are buttons.
        await skipped.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(row.GetByTestId("delivery-status")).ToHaveTextAsync("Pending");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Generating_the_sheet_adds_the_active_customers_not_on_it_and_says_how_many()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-5);
        var route = NewRoute("Gn");
        var newcomer = await Api.ApiScenario.CreateCustomerAsync(admin, "Newcomer Nila", quantity: 2m, route: route);
        var (onSheet, _) = await CustomerOnSheetAsync(admin, "Already Anil", date, route);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        await Assertions.Expect(page.Locator($"[data-testid=not-on-sheet-row][data-customer-id='{newcomer}']")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, onSheet)).ToBeVisibleAsync();

        await page.GetByTestId("sheet-generate").ClickAsync();

        await using var db = app.Db();
        var added = await Eventually.ValueAsync(() => db.DailyEntries.Count(e => e.Date == date) - 1, n => n > 0, "the generated entries");
        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = $"Added {added} entr" })).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, newcomer).GetByTestId("delivery-quantity")).ToHaveValueAsync("2");
        await Assertions.Expect(Row(page, newcomer).GetByTestId("delivery-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.GetByTestId("not-on-sheet")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sheet-generate")).ToBeDisabledAsync();
        var written = await db.DailyEntries.SingleAsync(e => e.Date == date && e.CustomerId == newcomer);
        Assert.Equal((2m, DeliveryStatus.Pending), (written.Quantity, written.Status));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Mark_all_delivered_changes_only_that_routes_pending_entries()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-6);
        var (north, south) = (NewRoute("North"), NewRoute("South"));
        var (a, aEntry) = await CustomerOnSheetAsync(admin, "Round Asha", date, north, quantity: 1m, price: 60m);
        var (b, bEntry) = await CustomerOnSheetAsync(admin, "Round Bala", date, north, quantity: 2m, price: 60m);
        var (c, cEntry) = await CustomerOnSheetAsync(admin, "Round Chetan", date, north);
        var (_, dEntry) = await CustomerOnSheetAsync(admin, "Other Dev", date, south);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        await Row(page, c).GetByTestId("delivery-skipped").ClickAsync();
        await Assertions.Expect(Row(page, c).GetByTestId("delivery-status")).ToHaveTextAsync("Skipped");
        var group = Group(page, north);

        await group.GetByTestId("route-mark-delivered").ClickAsync();
        await Assertions.Expect(page.GetByTestId("route-mark-dialog")).ToContainTextAsync("2 pending deliveries");
        await page.GetByTestId("route-mark-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = $"Marked 2 deliveries on {north} delivered" })).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, a).GetByTestId("delivery-status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(Row(page, b).GetByTestId("delivery-delivered")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(group.GetByTestId("route-count-pending")).ToHaveTextAsync("0");
        await Assertions.Expect(group.GetByTestId("route-mark-delivered")).ToBeDisabledAsync();
        await Assertions.Expect(Group(page, south).GetByTestId("route-count-pending")).ToHaveTextAsync("1");
        await using var db = app.Db();
        var statuses = await db.DailyEntries.Where(e => e.Date == date).ToDictionaryAsync(e => e.Id, e => e.Status);
        Assert.Equal([DeliveryStatus.Delivered, DeliveryStatus.Delivered, DeliveryStatus.Skipped, DeliveryStatus.Pending],
            new[] { aEntry, bEntry, cEntry, dEntry }.Select(id => statuses[id]));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_day_is_in_the_url_and_the_buttons_move_a_day_at_a_time()
    {
        var page = await SignInAsync();
        await page.GetByTestId("nav-deliveries").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deliveries-date")).ToHaveAttributeAsync("data-value", app.Today.ToString("yyyy-MM-dd"));

        await page.GetByTestId("deliveries-prev").ClickAsync();
        var yesterday = app.Today.AddDays(-1).ToString("yyyy-MM-dd");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"date={yesterday}$"));
        await Assertions.Expect(page.GetByTestId("deliveries-date")).ToHaveAttributeAsync("data-value", yesterday);
        await page.GetByTestId("deliveries-next").ClickAsync();
        await page.GetByTestId("deliveries-next").ClickAsync();
        var tomorrow = app.Today.AddDays(1);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"date={tomorrow:yyyy-MM-dd}$"));

        // A bookmarked day opens on that day.
        await OpenDayAsync(page, new DateOnly(2026, 1, 15));
        await Assertions.Expect(page.GetByTestId("deliveries-day")).ToContainTextAsync("15");

        // A day outside 2000–2100 in the address is not a day the business has: the sheet opens on today.
        await page.GotoAsync(new Uri(app.BaseAddress, "/deliveries?date=0001-01-01").ToString());
        await BrowserFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("deliveries-date")).ToHaveAttributeAsync("data-value", app.Today.ToString("yyyy-MM-dd"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_the_sheet_fits_without_sideways_scroll()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-9);
        var route = NewRoute("Phone");
        await CustomerOnSheetAsync(admin, "Venkataraghavan Subramaniam Iyer", date, route, quantity: 12.5m, price: 99.75m);
        await CustomerOnSheetAsync(admin, "Short Sam", date, route);
        var page = await SignInAsync();
        await OpenDayAsync(page, date);
        await DemoScreens.AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the day sheet");
        await Assertions.Expect(page.GetByTestId("delivery-quantity").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("delivery-delivered").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private async Task<DeliveryStatus> StatusAsync(Guid entry)
    {
        await using var db = app.Db();
        return await db.DailyEntries.Where(e => e.Id == entry).Select(e => e.Status).SingleAsync();
    }

    private async Task<int> CountActivityAsync()
    {
        await using var db = app.Db();
        return await db.Activity.CountAsync();
    }
}
