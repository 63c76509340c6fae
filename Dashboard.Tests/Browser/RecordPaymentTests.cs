using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

public sealed class RecordPaymentTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Bad_input_shows_the_reasons_and_writes_nothing()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        int before;
        await using (var db = app.Db())
        {
            before = await db.Payments.CountAsync();
        }

        await page.GetByTestId("payment-form-amount").FillAsync("0");
        await page.GetByTestId("payment-form-submit").ClickAsync();
        // In words, once, beside the field (a newcomer read "customerId is required." twice).
        await Assertions.Expect(page.GetByTestId("field-error-customerId")).ToHaveTextAsync("Customer is required.");
        await Assertions.Expect(page.GetByTestId("payment-form-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Customer is required.")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("field-error-amount")).ToContainTextAsync("greater than 0");

        await using (var db = app.Db())
        {
            Assert.Equal(before, await db.Payments.CountAsync());
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_payment_recorded_in_one_browser_reaches_another_browser_and_hub_clients()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Form Farida");
        var writer = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var watcher = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var (hub, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (hub)
        {
            await writer.GetByTestId("payment-form-customer-search").PressSequentiallyAsync("Form Far");
            await writer.GetByTestId("payment-form-customer-option").Filter(new() { HasText = "Form Farida" }).ClickAsync();
            await Assertions.Expect(writer.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync("Form Farida");
            await writer.GetByTestId("payment-form-amount").FillAsync("275.50");
            await writer.GetByTestId("payment-form-method").SelectOptionAsync("UPI");
            await writer.GetByTestId("payment-form-submit").ClickAsync();
            await Assertions.Expect(writer.GetByTestId("toast").Filter(new() { HasText = "Payment recorded" })).ToContainTextAsync("Form Farida");

            await Assertions.Expect(watcher.GetByTestId("stat-total-collection")).ToContainTextAsync("275.50", new() { Timeout = 2_000 });
            await Assertions.Expect(watcher.GetByTestId("activity-feed")).ToContainTextAsync("Form Farida paid ₹275.50 by UPI", new() { Timeout = 2_000 });
            var added = await hub.WaitForEventAsync("payment:added", a => a.Is("customerId", customer), TimeSpan.FromSeconds(2));
            Assert.Equal(275.50m, added[0].GetProperty("amount").GetDecimal());
        }

        await using var db = app.Db();
        var payment = await db.Payments.SingleAsync(p => p.CustomerId == customer);
        Assert.Equal(Dashboard.Domain.Payments.PaymentMethod.Upi, payment.Method);
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == payment.Id.ToString() && a.Channel == Channel.Web));
        await writer.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }
}
