using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dashboard.Domain.Common;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

public sealed class PaymentsPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    // Live updates are asserted at 5 s, not the 2 s the page is built for: the test machine's 2 cores are shared.
    private const float Live = 5_000;

    // A pick or a submit waits for a search per key typed and a balance query; on a loaded machine that can take a while.
    private const float Pick = 15_000;

    private async Task<IPage> PaymentsPageAsync()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-payments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payments-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("payments-table")).ToHaveAttributeAsync("aria-busy", "false");
        return page;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd");

    private static async Task ShowDaysAsync(IPage page, DateOnly from, DateOnly to)
    {
        await page.GetByTestId("payments-filter-from").FillAsync(Day(from));
        await page.GetByTestId("payments-filter-to").FillAsync(Day(to));
    }

    private static async Task PickCustomerAsync(IPage page, string search, string name)
    {
        await page.GetByTestId("payment-form-customer-search").PressSequentiallyAsync(search);
        var option = page.GetByTestId("payment-form-customer-option").Filter(new() { HasText = name });
        try
        {
            await option.WaitForAsync(new() { Timeout = Pick });
        }
        catch (TimeoutException)
        {
            // Once in CI (2026-12-03) the matches never came; say what the page looked like, for the next time.
            var state = await page.EvaluateAsync<string>("""
                () => `search box "${document.querySelector('[data-testid=payment-form-customer-search]')?.value}", ` +
                  `live status ${document.querySelector('[data-testid=live-status]')?.dataset.state}, ` +
                  `reconnect banner "${document.getElementById('components-reconnect-modal')?.className}", ` +
                  `${document.querySelectorAll('[data-testid=payment-form-customer-option]').length} options`
                """);
            Assert.Fail($"No match for '{search}' appeared: {state}");
        }

        await option.ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync(name, new() { Timeout = Pick });
    }

    private async Task<int> PaymentsOfAsync(Guid customerId)
    {
        await using var db = app.Db();
        return await db.Payments.CountAsync(p => p.CustomerId == customerId);
    }

    [Fact]
    public async Task A_payment_is_recorded_by_keyboard_through_the_picker_with_the_due_prefilled()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Picker Pallavi", price: 50m);
        var pooja = await ApiScenario.CreateCustomerAsync(admin, "Picker Pooja", price: 60m, route: "Malleshwaram");
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = pooja, date = app.Today, quantity = 2 })).EnsureSuccessStatusCode();
        var page = await PaymentsPageAsync();

        var search = page.GetByTestId("payment-form-customer-search");
        await search.PressSequentiallyAsync("Picker P");
        var options = page.GetByTestId("payment-form-customer-option");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await Assertions.Expect(options.Nth(1)).ToContainTextAsync("Malleshwaram");
        await Assertions.Expect(options.Nth(1).GetByTestId("payment-form-option-balance")).ToHaveTextAsync("₹120.00");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await search.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await search.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync("Picker Pooja", new() { Timeout = Pick });
        await Assertions.Expect(page.GetByTestId("payment-form-customer-due")).ToHaveTextAsync("Due: ₹120.00");
        var amount = page.GetByTestId("payment-form-amount");
        await Assertions.Expect(amount).ToHaveValueAsync(new Regex(@"^120(\.0+)?$"));
        await Assertions.Expect(amount).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("payment-form-date")).ToHaveAttributeAsync("data-value", Day(app.Today));
        // UPI is what payers here call a phone payment; Mobile is kept for the seeds' apps, not offered.
        await Assertions.Expect(page.GetByTestId("payment-form-method").Locator("option")).ToHaveTextAsync(["Cash", "UPI", "Bank transfer", "Cheque"]);
        await page.GetByTestId("payment-form-method").SelectOptionAsync("UPI");
        await page.GetByTestId("payment-form-note").FillAsync("November milk");
        await page.GetByTestId("payment-form-note").PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "Payment recorded" })).ToContainTextAsync("₹120.00 from Picker Pooja", new() { Timeout = Pick });
        var row = page.GetByTestId("payment-row").Filter(new() { HasText = "Picker Pooja" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("payment-method")).ToHaveTextAsync("UPI");
        // Ready for the next one: an empty picker with the focus in it.
        await Assertions.Expect(page.GetByTestId("payment-form-customer-search")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("payment-form-customer-search")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("payment-form-amount")).ToHaveValueAsync("");

        await using var db = app.Db();
        var written = await db.Payments.SingleAsync(p => p.CustomerId == pooja);
        Assert.Equal((120m, PaymentMethod.Upi, app.Today, "November milk"), (written.Amount, written.Method, written.PaymentDate, written.Note));
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == written.Id.ToString() && a.Channel == Channel.Web));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_input_shows_the_domains_messages_under_the_fields_and_writes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Careful Kavya");
        var page = await PaymentsPageAsync();
        await PickCustomerAsync(page, "Careful Ka", "Careful Kavya");
        // Nothing is owed, so nothing is prefilled.
        await Assertions.Expect(page.GetByTestId("payment-form-customer-due")).ToHaveTextAsync("Nothing due");
        await Assertions.Expect(page.GetByTestId("payment-form-amount")).ToHaveValueAsync("");

        await page.GetByTestId("payment-form-amount").FillAsync("0");
        await page.GetByTestId("payment-form-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error-amount")).ToContainTextAsync("greater than 0");

        await page.GetByTestId("payment-form-amount").FillAsync("10.005");
        await page.GetByTestId("payment-form-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error-amount")).ToContainTextAsync("more than 2 decimal places");

        await page.GetByTestId("payment-form-amount").FillAsync("10");
        await page.GetByTestId("payment-form-date").FillAsync(Day(app.Today.AddDays(1)));
        await page.GetByTestId("payment-form-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error-paymentDate")).ToContainTextAsync("cannot be in the future");
        await Assertions.Expect(page.GetByTestId("field-error-amount")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync("Careful Kavya");

        Assert.Equal(0, await PaymentsOfAsync(id));
        await Assertions.Expect(page.GetByTestId("toast")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_payment_dated_months_back_is_asked_about_first_and_then_shows_where_it_went()
    {
        // Issue 15: "a payment dated 1999 was accepted silently and vanished from today's list".
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Backdated Bhavna");
        var page = await PaymentsPageAsync();
        await PickCustomerAsync(page, "Backdated Bh", "Backdated Bhavna");
        var day = app.Today.AddDays(-200);
        await page.GetByTestId("payment-form-amount").FillAsync("75");
        await page.GetByTestId("payment-form-date").FillAsync(Day(day));
        await page.GetByTestId("payment-form-submit").ClickAsync();

        var ask = page.GetByTestId("payment-form-confirm");
        await Assertions.Expect(ask).ToContainTextAsync("200 days ago", new() { Timeout = Pick });
        await Assertions.Expect(ask).ToContainTextAsync("Backdated Bhavna's ledger on that day, not into today's list");
        await Assertions.Expect(page.GetByTestId("field-error-paymentDate")).ToHaveCountAsync(0);
        Assert.Equal(0, await PaymentsOfAsync(id));

        await page.GetByTestId("payment-form-change-date").ClickAsync();
        await Assertions.Expect(ask).ToHaveCountAsync(0);
        await page.GetByTestId("payment-form-submit").ClickAsync();
        await page.GetByTestId("payment-form-confirm-date").ClickAsync(new() { Timeout = Pick });

        var went = page.GetByTestId("payment-form-elsewhere");
        await Assertions.Expect(went).ToContainTextAsync("from Backdated Bhavna on", new() { Timeout = Pick });
        Assert.Equal(1, await PaymentsOfAsync(id));
        await went.GetByTestId("payment-form-elsewhere-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/customers/{id}$"));
        var credit = page.GetByTestId("ledger-credit").Filter(new() { HasText = "75.00" });
        await Assertions.Expect(credit).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_totals_and_one_day_shows_its_day_total()
    {
        using var admin = await app.AdminClientAsync();
        var tara = await ApiScenario.CreateCustomerAsync(admin, "Totals Tara", route: "Whitefield");
        var uma = await ApiScenario.CreateCustomerAsync(admin, "Totals Uma");
        var (d1, d2) = (app.Today.AddDays(-20), app.Today.AddDays(-19));
        foreach (var (customerId, amount, method, date) in new[] { (tara, 10m, "CASH", d1), (uma, 20m, "MOBILE", d1), (tara, 30.50m, "CASH", d2) })
        {
            (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId, amount, method, paymentDate = date, confirmBackdated = true })).EnsureSuccessStatusCode();
        }

        var page = await PaymentsPageAsync();
        await ShowDaysAsync(page, d1, d1);
        await Assertions.Expect(page.GetByTestId("payments-total-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹30.00");
        await Assertions.Expect(page.GetByTestId("payments-day-total")).ToHaveTextAsync("₹30.00");

        await page.GetByTestId("payments-filter-method").SelectOptionAsync("CASH");
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹10.00");
        await Assertions.Expect(page.GetByTestId("payments-total-count")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("payments-day-total")).ToHaveTextAsync("₹30.00");
        await Assertions.Expect(page.GetByTestId("payment-row")).ToHaveCountAsync(1);

        await page.GetByTestId("payments-filter-method").SelectOptionAsync("");
        await page.GetByTestId("payments-filter-to").FillAsync(Day(d2));
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹60.50");
        await Assertions.Expect(page.GetByTestId("payments-day-total")).ToHaveCountAsync(0);
        await page.GetByTestId("payments-filter-customer").FillAsync("whitefield");
        await Assertions.Expect(page.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹40.50");
        await Assertions.Expect(page.GetByTestId("payment-row")).ToHaveCountAsync(2);
        await page.GetByTestId("payments-filter-customer").FillAsync("");

        // Sorting is the server's: by amount, largest first on the second click.
        await Assertions.Expect(page.GetByTestId("payment-row")).ToHaveCountAsync(3);
        await page.GetByTestId("sort-amount").ClickAsync();
        await page.GetByTestId("sort-amount").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-amount")).ToHaveTextAsync(["₹30.50", "₹20.00", "₹10.00"]);
        await page.GetByTestId("sort-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-customer")).ToHaveTextAsync(["Totals Tara", "Totals Tara", "Totals Uma"]);

        await DemoScreens.AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the payments page");
        await Assertions.Expect(page.GetByTestId("payment-row").First.GetByTestId("payment-amount")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Payments_from_rest_and_from_another_browser_appear_in_the_list_and_totals_without_a_reload()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Live Leela");
        var day = app.Today.AddDays(-40);
        var watcher = await PaymentsPageAsync();
        await ShowDaysAsync(watcher, day, day);
        await Assertions.Expect(watcher.GetByTestId("payments-total-count")).ToHaveTextAsync("0");
        await MarkDocumentAsync(watcher);

        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 45.50m, method = "BANK", paymentDate = day, confirmBackdated = true })).EnsureSuccessStatusCode();
        await Assertions.Expect(watcher.GetByTestId("payment-row").Filter(new() { HasText = "Live Leela" })).ToHaveCountAsync(1, new() { Timeout = Live });
        await Assertions.Expect(watcher.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹45.50", new() { Timeout = Live });
        await Assertions.Expect(watcher.GetByTestId("payments-day-total")).ToHaveTextAsync("₹45.50", new() { Timeout = Live });

        var writer = await PaymentsPageAsync();
        await PickCustomerAsync(writer, "Live Lee", "Live Leela");
        await Assertions.Expect(writer.GetByTestId("payment-form-customer-due")).ToHaveTextAsync("In credit: ₹45.50");
        await writer.GetByTestId("payment-form-amount").FillAsync("54.50");
        await writer.GetByTestId("payment-form-date").FillAsync(Day(day));
        await writer.GetByTestId("payment-form-submit").ClickAsync();
        await writer.GetByTestId("payment-form-confirm-date").ClickAsync(new() { Timeout = Pick }); // 40 days back: asked first
        await Assertions.Expect(writer.GetByTestId("toast").Filter(new() { HasText = "Live Leela" })).ToBeVisibleAsync(new() { Timeout = Pick });

        await Assertions.Expect(watcher.GetByTestId("payment-row")).ToHaveCountAsync(2, new() { Timeout = Live });
        await Assertions.Expect(watcher.GetByTestId("payments-total-count")).ToHaveTextAsync("2", new() { Timeout = Live });
        await Assertions.Expect(watcher.GetByTestId("payments-total-amount")).ToHaveTextAsync("₹100.00", new() { Timeout = Live });
        await AssertSameDocumentAsync(watcher);
        await watcher.Context.CloseAsync();
        await writer.Context.CloseAsync();
    }

    [Fact]
    public async Task The_picked_customers_due_follows_a_delivery_recorded_elsewhere()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Follow Farah", price: 40m);
        var page = await PaymentsPageAsync();
        await PickCustomerAsync(page, "Follow Fa", "Follow Farah");
        await Assertions.Expect(page.GetByTestId("payment-form-customer-due")).ToHaveTextAsync("Nothing due");
        await page.GetByTestId("payment-form-amount").FillAsync("15");

        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = app.Today, quantity = 2 })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("payment-form-customer-due")).ToHaveTextAsync("Due: ₹80.00", new() { Timeout = Live });
        // What the user typed is theirs: the new due does not overwrite it.
        await Assertions.Expect(page.GetByTestId("payment-form-amount")).ToHaveValueAsync("15");
        await page.Context.CloseAsync();
    }
}
