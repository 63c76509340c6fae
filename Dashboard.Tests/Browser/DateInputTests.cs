using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// Issue 15: "date inputs show the business's date format whatever the browser's locale". An American browser (a native
/// date input would write 12/4/2026 and read 05/11 as May 11) sees and types the en-IN business's dd/mm/yyyy.
/// </summary>
public sealed class DateInputTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float Pick = 15_000;

    [Fact]
    public async Task An_american_browser_shows_and_takes_days_as_the_indian_business_writes_them()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Datewise Deepa");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword, locale: "en-US");
        Assert.Equal("en-US", await page.EvaluateAsync<string>("() => navigator.language"));
        await page.GetByTestId("nav-payments").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payments-table")).ToHaveAttributeAsync("aria-busy", "false");

        var date = page.GetByTestId("payment-form-date");
        await Assertions.Expect(date).ToHaveValueAsync(app.Today.ToString("dd/MM/yyyy"));
        await Assertions.Expect(date).ToHaveAttributeAsync("placeholder", "dd/mm/yyyy");

        // The 3rd of the month before, typed day first: not the month and day an American date would read.
        var day = new DateOnly(app.Today.Year, app.Today.Month, 3).AddMonths(-1);
        var typed = day.ToString("d/M/yyyy");
        await page.GetByTestId("payment-form-customer-search").PressSequentiallyAsync("Datewise De");
        await page.GetByTestId("payment-form-customer-option").Filter(new() { HasText = "Datewise Deepa" }).ClickAsync(new() { Timeout = Pick });
        // Picking a customer puts the caret in the amount (the form's own step): wait for it, or it lands mid-date.
        await Assertions.Expect(page.GetByTestId("payment-form-amount")).ToBeFocusedAsync(new() { Timeout = Pick });
        await page.GetByTestId("payment-form-amount").FillAsync("40");
        await date.FillAsync("");
        await date.PressSequentiallyAsync(typed);
        await Assertions.Expect(date).ToHaveAttributeAsync("data-value", day.ToString("yyyy-MM-dd"));

        // Not a day: marked when the field is left, and nothing goes out.
        await page.GetByTestId("payment-form-note").FillAsync("first");
        await date.FillAsync("31/02/2026");
        await page.GetByTestId("payment-form-note").FocusAsync();
        await Assertions.Expect(date).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(date).ToHaveAttributeAsync("data-value", day.ToString("yyyy-MM-dd"));

        // A day typed as 2026-11-03 is taken, and written back the business's way when the field is left.
        await date.FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByTestId("payment-form-note").FocusAsync();
        await Assertions.Expect(date).ToHaveValueAsync(day.ToString("dd/MM/yyyy"));
        await Assertions.Expect(date).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByTestId("payment-form-submit").ClickAsync();
        if (app.Today.DayNumber - day.DayNumber > 7)
        {
            await page.GetByTestId("payment-form-confirm-date").ClickAsync(new() { Timeout = Pick });
        }

        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "Datewise Deepa" })).ToBeVisibleAsync(new() { Timeout = Pick });
        await using var db = app.Db();
        Assert.Equal(day, (await db.Payments.SingleAsync(p => p.CustomerId == id)).PaymentDate);
        await page.Context.CloseAsync();
    }
}
