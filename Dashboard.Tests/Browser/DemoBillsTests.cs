using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>Last month's bills for the whole demo business in one run; a bill on screen, on paper, and to a customer's app.</summary>
public sealed class DemoBillsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Last_month_s_bills_for_every_customer_in_one_run_each_equal_to_that_month_s_statement_and_printable_without_buttons()
    {
        var month = new DateOnly(app.Today.Year, app.Today.Month, 1).AddMonths(-1);
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-bills").ClickAsync();
        await page.GetByTestId("bills-issue-all").ClickAsync();
        var rows = page.GetByTestId("bills-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await using var db = app.Db();
        var bills = await db.Bills.AsNoTracking().Where(b => b.Year == month.Year && b.Month == month.Month).ToListAsync();
        Assert.InRange(bills.Count, 150, 260);
        await Assertions.Expect(rows).ToHaveCountAsync(bills.Count);
        Assert.Equal(Enumerable.Range(1, bills.Count), bills.Select(b => b.Number).Order());
        using var admin = await app.AdminClientAsync();
        foreach (var bill in bills.OrderBy(b => b.Number).Take(20))
        {
            var csv = await (await admin.GetAsync($"/api/v1/customers/{bill.CustomerId}/ledger.csv?month={month:yyyy-MM}")).Content.ReadAsStringAsync();
            var closing = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split(',').Last().Trim();
            Assert.Equal(decimal.Parse(closing, System.Globalization.CultureInfo.InvariantCulture), bill.ClosingBalance);
        }

        await SaveAsync(page, "bills.png");
        var due = bills.OrderByDescending(b => b.ClosingBalance).First();
        await rows.Filter(new() { Has = page.Locator($"a[href='/bills/{due.CustomerId}/{due.Id}']") }).GetByTestId("bills-customer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bill-number")).ToHaveTextAsync(due.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("bill-upi").Locator("svg")).ToBeVisibleAsync();
        var whatsapp = await page.GetByTestId("bill-whatsapp").GetAttributeAsync("href");
        Assert.StartsWith("https://wa.me/91", whatsapp);
        Assert.Contains(Uri.EscapeDataString($"bill No. {due.Number} for {month:MMMM yyyy}"), whatsapp);
        Assert.Contains(Uri.EscapeDataString("Pay by UPI: gokuldairy@okaxis"), whatsapp);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await SaveAsync(page, "bill.png");

        await page.SetViewportSizeAsync(559, 794); // A5 at 96 dpi
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.Equal(0, await page.Locator("button:visible, a.btn:visible, aside:visible, header:visible, select:visible").CountAsync());
        await Assertions.Expect(page.GetByTestId("bill-closing")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await SaveAsync(page, "bill-print.png");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Issued again from the customer's statement: the same number, marked as a copy.
        await page.SetViewportSizeAsync(1280, 900);
        await OpenAsync(page, $"/customers/{due.CustomerId}");
        await page.GetByTestId("tab-statement").ClickAsync();
        await page.GetByTestId("statement-prev").ClickAsync();
        await page.GetByTestId("statement-issue-bill").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bill-copy")).ToHaveTextAsync("Copy");
        await Assertions.Expect(page.GetByTestId("bill-number")).ToHaveTextAsync(due.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_customer_s_app_fetches_its_own_bills_and_no_one_else_s()
    {
        using var admin = await app.AdminClientAsync();
        await using var db = app.Db();
        var two = await db.Customers.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).Select(c => c.Id).Take(2).ToListAsync();
        var month = new DateOnly(app.Today.Year, app.Today.Month, 1).AddMonths(-1);
        var response = await admin.PostAsJsonAsync($"/api/v1/customers/{two[0]}/bills", new { year = month.Year, month = month.Month });
        var issued = await ApiAssert.Json(response, response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created); // 200: a copy (the other test billed the month)
        var billId = issued.GetProperty("id").GetGuid();
        var (email, password) = await Api.ApiScenario.CreateUserAsync(admin, "Customer", two[0]);
        using var customer = await app.ClientAsync(email, password);

        var mine = await ApiAssert.Json(await customer.GetAsync($"/api/v1/customers/{two[0]}/bills"));
        Assert.Contains(mine.EnumerateArray(), b => b.GetProperty("id").GetGuid() == billId);
        await ApiAssert.Json(await customer.GetAsync($"/api/v1/customers/{two[0]}/bills/{billId}"));
        await ApiAssert.Problem(await customer.GetAsync($"/api/v1/customers/{two[1]}/bills"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.GetAsync($"/api/v1/customers/{two[1]}/bills/{billId}"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.PostAsJsonAsync($"/api/v1/customers/{two[0]}/bills", new { year = month.Year, month = month.Month }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/bills", new { year = app.Today.Year + 1, month = 1 }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
