using System.Net.Http.Json;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

public sealed class CustomerDetailTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> CustomerPageAsync(Guid id)
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/customers/{id}");
        await Assertions.Expect(page.GetByTestId("customer-title")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_payment_over_rest_updates_balance_and_ledger_on_two_open_customer_pages_within_two_seconds()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Ledger Lalitha", price: 60m);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = app.Today.AddDays(-1), quantity = 2 })).EnsureSuccessStatusCode();
        var pages = new[] { await CustomerPageAsync(id), await CustomerPageAsync(id) };
        foreach (var page in pages)
        {
            await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹120.00");
            await Assertions.Expect(page.GetByTestId("ledger-row")).ToHaveCountAsync(1);
            await MarkDocumentAsync(page);
        }

        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 100, method = "MOBILE", note = "UPI ref 42" })).EnsureSuccessStatusCode();

        foreach (var page in pages)
        {
            await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹20.00", new() { Timeout = TwoSeconds });
            await Assertions.Expect(page.GetByTestId("customer-paid")).ToHaveTextAsync("₹100.00", new() { Timeout = TwoSeconds });
            // Newest first: the payment on top, with the balance it leaves.
            var top = page.GetByTestId("ledger-row").First;
            await Assertions.Expect(top.GetByTestId("ledger-description")).ToHaveTextAsync("Payment by Mobile: UPI ref 42", new() { Timeout = TwoSeconds });
            await Assertions.Expect(top.GetByTestId("ledger-credit")).ToHaveTextAsync("₹100.00");
            await Assertions.Expect(top.GetByTestId("ledger-balance")).ToHaveTextAsync("₹20.00");
            await AssertSameDocumentAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_delivery_over_rest_shows_in_the_ledger_and_in_this_months_statement()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Statement Sarala", price: 50m);
        var page = await CustomerPageAsync(id);
        await page.GetByTestId("tab-statement").ClickAsync();
        await Assertions.Expect(page.GetByTestId("statement-closing")).ToHaveTextAsync("₹0.00");

        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = app.Today, quantity = 1.5 })).EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("statement-row")).ToHaveCountAsync(1, new() { Timeout = TwoSeconds });
        await Assertions.Expect(page.GetByTestId("statement-billed")).ToHaveTextAsync("₹75.00");
        await Assertions.Expect(page.GetByTestId("statement-liters")).ToContainTextAsync("1.5 L");
        await Assertions.Expect(page.GetByTestId("statement-closing")).ToHaveTextAsync("₹75.00");
        await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹75.00");

        // Last month opens at nothing and has no lines; this month's delivery is not in it.
        await page.GetByTestId("statement-prev").ClickAsync();
        await Assertions.Expect(page.GetByTestId("statement-month")).ToHaveValueAsync(app.Today.AddMonths(-1).ToString("yyyy-MM"));
        await Assertions.Expect(page.GetByTestId("statement-row")).ToHaveCountAsync(0);
        await page.GetByTestId("tab-ledger").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ledger-row").GetByTestId("ledger-debit")).ToHaveTextAsync("₹75.00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_edit_on_the_customer_page_shows_here_and_in_another_browser_on_the_same_page()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Profile Padma", price: 60m);
        var editor = await CustomerPageAsync(id);
        var watcher = await CustomerPageAsync(id);

        await editor.GetByTestId("customer-edit").ClickAsync();
        await FillFormAsync(editor, name: "Profile Padmavathi", phone: "+91 80 2222 3333", price: "64");
        await editor.GetByTestId("customer-save").ClickAsync();

        foreach (var page in new[] { editor, watcher })
        {
            await Assertions.Expect(page.GetByTestId("customer-title")).ToHaveTextAsync("Profile Padmavathi", new() { Timeout = TwoSeconds });
            await Assertions.Expect(page.GetByTestId("profile-phone")).ToHaveTextAsync("+91 80 2222 3333", new() { Timeout = TwoSeconds });
            await Assertions.Expect(page.GetByTestId("profile-price")).ToHaveTextAsync("₹64.00", new() { Timeout = TwoSeconds });
        }

        await watcher.GetByTestId("customer-deactivate").ClickAsync();
        await watcher.GetByTestId("deactivate-confirm").ClickAsync();
        await Assertions.Expect(editor.GetByTestId("customer-status")).ToHaveTextAsync("Inactive", new() { Timeout = TwoSeconds });
        await using (var db = app.Db())
        {
            var row = await db.Customers.SingleAsync(c => c.Id == id);
            Assert.Equal(("Profile Padmavathi", 64m, false), (row.Name, row.PricePerLiter, row.IsActive));
        }

        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task After_the_connection_drops_and_returns_the_page_shows_what_the_database_holds()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Resync Rekha", price: 60m);
        var page = await CustomerPageAsync(id);
        await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹0.00");
        await MarkDocumentAsync(page);

        // A row the page cannot have heard of: written straight to the database, no event.
        await using (var db = app.Db())
        {
            db.Payments.Add(new PaymentEntity
            {
                Id = Guid.CreateVersion7(), CustomerId = id, Amount = 33m, Method = PaymentMethod.Cash,
                PaymentDate = app.Today, RecordedBy = "restore script", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await Task.Delay(500);
        await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹0.00");
        // Blazor's own test hook: closes the circuit's connection as a network drop would; the script reconnects.
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        await Assertions.Expect(page.GetByTestId("customer-balance")).ToHaveTextAsync("₹33.00", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("ledger-row")).ToHaveCountAsync(1);
        await BrowserFixture.WaitLiveAsync(page);
        await AssertSameDocumentAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_ledger_csv_link_downloads_with_the_browsers_own_sign_in()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Download Divya", price: 60m);
        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 10, method = "CASH" })).EnsureSuccessStatusCode();
        var page = await CustomerPageAsync(id);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("ledger-csv").ClickAsync());

        Assert.Equal("ledger-download-divya-all.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,kind,description,billed,paid,balance", lines[0].TrimStart('\uFEFF'));
        Assert.Equal($"{app.Today:yyyy-MM-dd},payment,Payment by Cash,0.00,10.00,-10.00", lines[1]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_customer_says_so()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/customers/{Guid.NewGuid()}");

        await Assertions.Expect(page.GetByTestId("customer-missing")).ToContainTextAsync("No such customer");
        await page.Context.CloseAsync();
    }
}
