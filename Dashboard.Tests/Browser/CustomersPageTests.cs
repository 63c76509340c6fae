using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

public sealed class CustomersPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private Task<IPage> SignInAsync() => browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);

    private async Task<IPage> CustomersPageAsync()
    {
        var page = await SignInAsync();
        await page.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customers-table")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_customer_created_in_the_dialog_is_written_and_shows_in_the_list()
    {
        using (var admin = await app.AdminClientAsync())
        {
            await ApiScenario.EnsureRouteAsync(admin, "Basavanagudi");
        }

        var page = await CustomersPageAsync();

        await page.GetByTestId("customer-new").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-form-name")).ToBeFocusedAsync();
        await FillFormAsync(page, name: "Dialog Devika", phone: "+91 98450 11111", route: "Basavanagudi", quantity: "1.5", price: "62.5");
        await page.GetByTestId("customer-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "Created Dialog Devika" })).ToBeVisibleAsync();
        var row = await FindRowAsync(page, "Dialog Devika");
        await Assertions.Expect(row.GetByTestId("customer-price")).ToHaveTextAsync("₹62.50");
        await Assertions.Expect(row.GetByTestId("customer-quantity")).ToHaveTextAsync("1.5 L");
        await Assertions.Expect(row.GetByTestId("customer-status")).ToHaveTextAsync("Active");

        await using var db = app.Db();
        var written = await db.Customers.SingleAsync(c => c.Name == "Dialog Devika");
        Assert.Equal(("+91 98450 11111", "Basavanagudi", 1.5m, 62.5m), (written.Phone, written.Route, written.DefaultQuantity, written.PricePerLiter));
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == written.Id.ToString() && a.Channel == Channel.Web));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_input_shows_the_domains_messages_under_the_fields_and_writes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var existing = await ApiScenario.CreateCustomerAsync(admin, "Steady Sunil", price: 55m);
        var page = await CustomersPageAsync();
        var before = await CountRowsAsync();

        await page.GetByTestId("customer-new").ClickAsync();
        await FillFormAsync(page, name: "", phone: "call me", quantity: "-1", price: "");
        await page.GetByTestId("customer-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("field-error-name")).ToContainTextAsync("Name is required");
        await Assertions.Expect(page.GetByTestId("field-error-phone")).ToContainTextAsync("digits");
        await Assertions.Expect(page.GetByTestId("field-error-defaultQuantity")).ToContainTextAsync("at least 0");
        await Assertions.Expect(page.GetByTestId("field-error-pricePerLiter")).ToContainTextAsync("Price per liter is required");
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("customer-cancel").ClickAsync();

        // The same for an edit: a zero price is refused, the row and the database keep the old one.
        var row = await FindRowAsync(page, "Steady Sunil");
        await row.GetByTestId("customer-edit").ClickAsync();
        await FillFormAsync(page, price: "0");
        await page.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error-pricePerLiter")).ToContainTextAsync("greater than 0");
        await Assertions.Expect(row.GetByTestId("customer-price")).ToHaveTextAsync("₹55.00");

        Assert.Equal(before, await CountRowsAsync());
        await using var db = app.Db();
        Assert.Equal((55m, 1), await db.Customers.Where(c => c.Id == existing).Select(c => ValueTuple.Create(c.PricePerLiter, c.Version)).SingleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_edit_in_one_browser_rerenders_the_row_in_another_and_reaches_the_dashboard_within_two_seconds()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Shared Shobha", price: 58m, route: "North");
        await ApiScenario.EnsureRouteAsync(admin, "South");
        var editor = await CustomersPageAsync();
        var watcher = await CustomersPageAsync();
        var dashboard = await SignInAsync();
        var watched = await FindRowAsync(watcher, "Shared Shobha");
        await MarkDocumentAsync(watcher);
        await MarkDocumentAsync(dashboard);

        var row = await FindRowAsync(editor, "Shared Shobha");
        await row.GetByTestId("customer-edit").ClickAsync();
        await FillFormAsync(editor, route: "South", price: "61.25");
        await editor.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(row.GetByTestId("customer-price")).ToHaveTextAsync("₹61.25");

        await Assertions.Expect(watched.GetByTestId("customer-price")).ToHaveTextAsync("₹61.25", new() { Timeout = TwoSeconds });
        await Assertions.Expect(watched.GetByTestId("customer-route")).ToHaveTextAsync("South", new() { Timeout = TwoSeconds });
        await Assertions.Expect(dashboard.GetByTestId("activity-feed").Locator("[data-action='customer.updated']").First)
            .ToContainTextAsync("Updated customer Shared Shobha", new() { Timeout = TwoSeconds });
        await AssertSameDocumentAsync(watcher);
        await AssertSameDocumentAsync(dashboard);
        foreach (var page in new[] { editor, watcher, dashboard })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Deactivating_asks_first_then_both_browsers_and_the_dashboard_count_show_it()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Leaving Latha");
        var page = await CustomersPageAsync();
        var watcher = await CustomersPageAsync();
        var dashboard = await SignInAsync();
        var activeBefore = await dashboard.GetByTestId("stat-active-customers").TextContentAsync();
        var watched = await FindRowAsync(watcher, "Leaving Latha");
        var row = await FindRowAsync(page, "Leaving Latha");

        await row.GetByTestId("customer-deactivate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deactivate-dialog")).ToContainTextAsync("Leaving Latha");
        await page.GetByTestId("deactivate-cancel").ClickAsync();
        await Assertions.Expect(row.GetByTestId("customer-status")).ToHaveTextAsync("Active");
        await row.GetByTestId("customer-deactivate").ClickAsync();
        await page.GetByTestId("deactivate-confirm").ClickAsync();

        await Assertions.Expect(row.GetByTestId("customer-status")).ToHaveTextAsync("Inactive");
        await Assertions.Expect(watched.GetByTestId("customer-status")).ToHaveTextAsync("Inactive", new() { Timeout = TwoSeconds });
        await Assertions.Expect(dashboard.GetByTestId("stat-active-customers")).Not.ToHaveTextAsync(activeBefore!, new() { Timeout = TwoSeconds });
        await using (var db = app.Db())
        {
            Assert.False((await db.Customers.SingleAsync(c => c.Id == id)).IsActive);
        }

        await row.GetByTestId("customer-activate").ClickAsync();
        await Assertions.Expect(watched.GetByTestId("customer-status")).ToHaveTextAsync("Active", new() { Timeout = TwoSeconds });
        foreach (var p in new[] { page, watcher, dashboard })
        {
            await p.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_payment_and_a_delivery_over_rest_change_the_balance_in_the_list()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Balance Bhavna", price: 50m);
        var page = await CustomersPageAsync();
        var row = await FindRowAsync(page, "Balance Bhavna");
        await Assertions.Expect(row.GetByTestId("customer-balance")).ToHaveTextAsync("₹0.00");

        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = app.Today, quantity = 3 })).EnsureSuccessStatusCode();
        await Assertions.Expect(row.GetByTestId("customer-balance")).ToHaveTextAsync("₹150.00", new() { Timeout = TwoSeconds });
        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 200, method = "CASH" })).EnsureSuccessStatusCode();
        await Assertions.Expect(row.GetByTestId("customer-balance")).ToHaveTextAsync("₹50.00 cr", new() { Timeout = TwoSeconds });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_live_update_changes_a_row_in_place_without_moving_the_rows_around_it()
    {
        using var admin = await app.AdminClientAsync();
        var route = "Ls" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await ApiScenario.CreateCustomerAsync(admin, $"Steady Row {i}", price: 60m, route: route));
        }

        var page = await CustomersPageAsync();
        await page.GetByTestId("customer-route-filter").SelectOptionAsync(route);
        var rows = page.GetByTestId("customer-row");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        // Tag the row elements: a re-created row would lose its tag.
        await rows.EvaluateAllAsync<int>("rs => { rs.forEach((r, i) => r.__tag = i); return rs.length; }");
        const string boxes = "rs => rs.map(r => { const b = r.getBoundingClientRect(); return `${r.__tag}:${b.top}:${b.height}:${b.width}`; })";
        var before = await rows.EvaluateAllAsync<string[]>(boxes);

        // A balance change patches its row; a customer change also re-queries the page (it might move a row).
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = ids[2], date = app.Today, quantity = 20 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/customers/{ids[3]}", new { phone = "+91 80 4000 4000" })).EnsureSuccessStatusCode();

        await Assertions.Expect(rows.Nth(2).GetByTestId("customer-balance")).ToHaveTextAsync("₹1,200.00", new() { Timeout = TwoSeconds });
        await Assertions.Expect(rows.Nth(3).GetByTestId("customer-phone")).ToHaveTextAsync("+91 80 4000 4000", new() { Timeout = TwoSeconds });
        await page.WaitForTimeoutAsync(1_000);
        Assert.Equal(before, await rows.EvaluateAllAsync<string[]>(boxes));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sorting_and_paging_are_done_by_the_server_and_a_new_customer_joins_live()
    {
        using var admin = await app.AdminClientAsync();
        var route = "Pg" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= 27; i++)
        {
            await ApiScenario.CreateCustomerAsync(admin, $"Paged {i:00}", price: i, route: route);
        }

        var page = await CustomersPageAsync();
        await page.GetByTestId("customer-route-filter").SelectOptionAsync(route);
        var pager = page.GetByTestId("customers-table-pager-summary");
        await Assertions.Expect(pager).ToHaveTextAsync("Showing 1–25 of 27 customers");
        await page.GetByTestId("sort-pricePerLiter").ClickAsync();
        await page.GetByTestId("sort-pricePerLiter").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-row").First.GetByTestId("customer-name")).ToHaveTextAsync("Paged 27");
        await page.GetByTestId("customers-table-pager-next").ClickAsync();
        await Assertions.Expect(pager).ToHaveTextAsync("Showing 26–27 of 27 customers");
        await Assertions.Expect(page.GetByTestId("customer-row").GetByTestId("customer-name")).ToHaveTextAsync(["Paged 02", "Paged 01"]);

        // Created elsewhere, it lands where the sort puts it, without a reload.
        await ApiScenario.CreateCustomerAsync(admin, "Paged 00", price: 0.5m, route: route);
        await Assertions.Expect(pager).ToHaveTextAsync("Showing 26–28 of 28 customers", new() { Timeout = TwoSeconds });
        await Assertions.Expect(page.GetByTestId("customer-row").Last.GetByTestId("customer-name")).ToHaveTextAsync("Paged 00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dialog_works_from_the_keyboard_and_escape_closes_it()
    {
        var page = await CustomersPageAsync();
        var button = page.GetByTestId("customer-new");

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "New customer" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("customer-form-name")).ToBeFocusedAsync();
        // Tab stays inside the dialog, however far it goes.
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), $"focus left the dialog after {i + 1} tabs");
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Someone_elses_change_while_editing_is_announced_and_saving_over_it_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Contested Kavya", price: 60m);
        var page = await CustomersPageAsync();
        var row = await FindRowAsync(page, "Contested Kavya");
        await row.GetByTestId("customer-edit").ClickAsync();
        await FillFormAsync(page, price: "70");

        (await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { pricePerLiter = 65 })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("customer-changed-elsewhere")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "changed by someone else" })).ToBeVisibleAsync();

        await page.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-form-error")).ToContainTextAsync("changed by someone else");
        await page.GetByTestId("customer-load-theirs").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-form-price")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^65(\.0+)?$"));
        await using var db = app.Db();
        Assert.Equal(65m, (await db.Customers.SingleAsync(c => c.Id == id)).PricePerLiter);
        await page.Context.CloseAsync();
    }

    private async Task<RowCounts> CountRowsAsync()
    {
        await using var db = app.Db();
        return new RowCounts(await db.Customers.CountAsync(), await db.DailyEntries.CountAsync(), await db.Payments.CountAsync(), await db.Activity.CountAsync());
    }
}
