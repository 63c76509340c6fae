using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Browser.DeliverySteps;

namespace Dashboard.Tests.Browser;

/// <summary>The day sheet open in two browsers, with writes from the other browser and from the REST API.</summary>
/// <remarks>"Within 2 s" is asserted as such (Playwright's auto-waiting Expect with a 2 000 ms timeout).</remarks>
public sealed class DeliveriesLiveTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> DayAsync(DateOnly date)
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenDayAsync(page, date);
        return page;
    }

    [Fact]
    public async Task An_edit_in_one_browser_rerenders_the_other_and_a_rest_write_rerenders_both()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-1);
        var route = NewRoute("Live");
        var (customer, entry) = await CustomerOnSheetAsync(admin, "Shared Sita", date, route, quantity: 1m, price: 60m);
        var editor = await DayAsync(date);
        var watcher = await DayAsync(date);
        await MarkDocumentAsync(watcher);

        await TypeQuantityAsync(Row(editor, customer), "2");
        await Assertions.Expect(Row(editor, customer).GetByTestId("delivery-amount")).ToHaveTextAsync("₹120.00");
        await Assertions.Expect(Row(watcher, customer).GetByTestId("delivery-quantity")).ToHaveValueAsync("2", new() { Timeout = TwoSeconds });
        await Assertions.Expect(Row(watcher, customer).GetByTestId("delivery-amount")).ToHaveTextAsync("₹120.00", new() { Timeout = TwoSeconds });
        await Assertions.Expect(Group(watcher, route).GetByTestId("route-total-liters")).ToHaveTextAsync("2 L", new() { Timeout = TwoSeconds });

        (await admin.PatchAsJsonAsync($"/api/v1/deliveries/{entry}", new { status = "delivered" })).EnsureSuccessStatusCode();
        foreach (var page in new[] { editor, watcher })
        {
            await Assertions.Expect(Row(page, customer).GetByTestId("delivery-status")).ToHaveTextAsync("Delivered", new() { Timeout = TwoSeconds });
            await Assertions.Expect(page.GetByTestId("day-count-delivered")).ToHaveTextAsync("1", new() { Timeout = TwoSeconds });
        }

        // A new entry (recorded over REST) and a customer renamed elsewhere join both sheets without a reload.
        var late = await Api.ApiScenario.CreateCustomerAsync(admin, "Late Latha", route: route);
        await PendingEntryAsync(admin, late, date, 3m);
        (await admin.PutAsJsonAsync($"/api/v1/customers/{customer}", new { name = "Shared Sita Rao" })).EnsureSuccessStatusCode();
        foreach (var page in new[] { editor, watcher })
        {
            await Assertions.Expect(Row(page, late).GetByTestId("delivery-quantity")).ToHaveValueAsync("3", new() { Timeout = TwoSeconds });
            await Assertions.Expect(Row(page, customer).GetByTestId("delivery-customer")).ToHaveTextAsync("Shared Sita Rao", new() { Timeout = TwoSeconds });
        }

        await AssertSameDocumentAsync(watcher);
        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task A_change_that_arrives_while_typing_keeps_what_is_typed_and_saving_over_it_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-2);
        var (customer, entry) = await CustomerOnSheetAsync(admin, "Raced Rani", date, NewRoute("Race"), quantity: 1m, price: 60m);
        var page = await DayAsync(date);
        var row = Row(page, customer);
        var input = row.GetByTestId("delivery-quantity");
        await input.FillAsync("3");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-editing", "true");

        (await admin.PatchAsJsonAsync($"/api/v1/deliveries/{entry}", new { quantity = 2 })).EnsureSuccessStatusCode();
        await Assertions.Expect(row.GetByTestId("delivery-changed-meanwhile")).ToContainTextAsync("Now 2 L", new() { Timeout = TwoSeconds });
        await Assertions.Expect(row.GetByTestId("delivery-amount")).ToHaveTextAsync("₹120.00");
        await Assertions.Expect(input).ToHaveValueAsync("3");
        await Assertions.Expect(input).ToBeFocusedAsync();

        await input.PressAsync("Enter");
        await using var db = app.Db();
        var current = await db.DailyEntries.SingleAsync(e => e.Id == entry);
        await Assertions.Expect(row.GetByTestId("delivery-notice"))
            .ToHaveTextAsync($"Changed by {current.UpdatedBy} meanwhile to 2 L (pending) — your change was not saved.");
        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "your change was not saved" })).ToBeVisibleAsync();
        await Assertions.Expect(input).ToHaveValueAsync("2");
        Assert.Equal((2m, 2), (current.Quantity, current.Version));

        // Now that the row shows the current entry, the same edit goes through.
        await TypeQuantityAsync(row, "3");
        await Assertions.Expect(row.GetByTestId("delivery-amount")).ToHaveTextAsync("₹180.00");
        await Assertions.Expect(row.GetByTestId("delivery-notice")).ToHaveCountAsync(0);
        await using var check = app.Db();
        Assert.Equal(3m, (await check.DailyEntries.SingleAsync(e => e.Id == entry)).Quantity);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Mark_all_delivered_over_rest_and_a_generated_sheet_reach_an_open_page()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-3);
        var route = NewRoute("Rest");
        var (first, _) = await CustomerOnSheetAsync(admin, "Rest Radha", date, route);
        var (second, _) = await CustomerOnSheetAsync(admin, "Rest Rohan", date, route);
        var page = await DayAsync(date);
        await MarkDocumentAsync(page);

        (await admin.PostAsJsonAsync("/api/v1/deliveries/mark-delivered", new { date, route })).EnsureSuccessStatusCode();
        await Assertions.Expect(Row(page, first).GetByTestId("delivery-status")).ToHaveTextAsync("Delivered", new() { Timeout = TwoSeconds });
        await Assertions.Expect(Row(page, second).GetByTestId("delivery-status")).ToHaveTextAsync("Delivered", new() { Timeout = TwoSeconds });
        await Assertions.Expect(Group(page, route).GetByTestId("route-mark-delivered")).ToBeDisabledAsync();

        var newcomer = await Api.ApiScenario.CreateCustomerAsync(admin, "Fresh Farah", route: route);
        await Assertions.Expect(page.Locator($"[data-testid=not-on-sheet-row][data-customer-id='{newcomer}']")).ToHaveCountAsync(1, new() { Timeout = TwoSeconds });
        (await admin.PostAsJsonAsync("/api/v1/deliveries/generate", new { date })).EnsureSuccessStatusCode();
        await Assertions.Expect(Row(page, newcomer).GetByTestId("delivery-status")).ToHaveTextAsync("Pending", new() { Timeout = TwoSeconds });
        await AssertSameDocumentAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_dropped_connection_the_sheet_reloads_what_was_written_meanwhile()
    {
        using var admin = await app.AdminClientAsync();
        var date = app.Today.AddDays(-4);
        var (customer, entry) = await CustomerOnSheetAsync(admin, "Resync Reva", date, NewRoute("Rs"), quantity: 1m, price: 60m);
        var page = await DayAsync(date);
        await MarkDocumentAsync(page);

        // Written behind the app's back: no event announces it, only a reload from the database can show it.
        await using (var db = app.Db())
        {
            var row = await db.DailyEntries.SingleAsync(e => e.Id == entry);
            (row.Quantity, row.Amount, row.Version) = (4m, 240m, row.Version + 1);
            await db.SaveChangesAsync();
        }

        await Assertions.Expect(Row(page, customer).GetByTestId("delivery-amount")).ToHaveTextAsync("₹60.00");
        // Blazor's own test hook: closes the circuit's connection as a network drop would; the script reconnects.
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        await Assertions.Expect(Row(page, customer).GetByTestId("delivery-amount")).ToHaveTextAsync("₹240.00", new() { Timeout = 15_000 });
        await Assertions.Expect(Row(page, customer).GetByTestId("delivery-quantity")).ToHaveValueAsync("4");
        await AssertSameDocumentAsync(page);
        await page.Context.CloseAsync();
    }
}
