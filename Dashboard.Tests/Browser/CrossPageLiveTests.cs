using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Browser.DeliverySteps;

namespace Dashboard.Tests.Browser;

/// <summary>
/// What the office sees while someone else works: an edit on one page re-renders the same page in another browser and
/// the Dashboard in a third, within 2 s, without a reload.
/// </summary>
public sealed class CrossPageLiveTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float TwoSeconds = 2_000;

    private Task<IPage> SignInAsync() => browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);

    [Fact]
    public async Task A_delivery_marked_on_the_day_sheet_re_renders_another_day_sheet_and_the_dashboard_within_two_seconds()
    {
        using var admin = await app.AdminClientAsync();
        var route = NewRoute("Cross");
        var (customer, _) = await CustomerOnSheetAsync(admin, "Cross Chitra", app.Today, route, quantity: 2.5m);
        var (editor, watcher, dashboard) = (await SignInAsync(), await SignInAsync(), await SignInAsync());
        await OpenDayAsync(editor, app.Today);
        await OpenDayAsync(watcher, app.Today);
        await MarkDocumentAsync(watcher);
        await MarkDocumentAsync(dashboard);
        var litersBefore = await dashboard.GetByTestId("stat-total-liters").TextContentAsync();

        await Row(editor, customer).GetByTestId("delivery-delivered").ClickAsync();

        await Assertions.Expect(Row(watcher, customer).GetByTestId("delivery-status")).ToHaveTextAsync("Delivered", new() { Timeout = TwoSeconds });
        await Assertions.Expect(dashboard.GetByTestId("stat-total-liters")).Not.ToHaveTextAsync(litersBefore ?? "", new() { Timeout = TwoSeconds });
        await AssertSameDocumentAsync(watcher);
        await AssertSameDocumentAsync(dashboard);
        foreach (var page in new[] { editor, watcher, dashboard })
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_payment_recorded_on_the_payments_page_re_renders_another_payments_page_and_the_dashboard_within_two_seconds()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Cross Kiran");
        var (clerk, watcher, dashboard) = (await SignInAsync(), await SignInAsync(), await SignInAsync());
        foreach (var page in new[] { clerk, watcher })
        {
            await OpenAsync(page, "/payments");
            await Assertions.Expect(page.GetByTestId("payments-table")).ToHaveAttributeAsync("aria-busy", "false");
        }

        await MarkDocumentAsync(watcher);
        await MarkDocumentAsync(dashboard);
        var collectedBefore = await dashboard.GetByTestId("stat-total-collection").TextContentAsync();

        await clerk.GetByTestId("payment-form-customer-search").PressSequentiallyAsync("Cross Kir");
        await clerk.GetByTestId("payment-form-customer-option").Filter(new() { HasText = "Cross Kiran" }).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("payment-form-customer-selected")).ToHaveTextAsync("Cross Kiran", new() { Timeout = 15_000 });
        await clerk.GetByTestId("payment-form-amount").FillAsync("432.10");
        await clerk.GetByTestId("payment-form-submit").ClickAsync();

        await Assertions.Expect(watcher.GetByTestId("payment-row").Filter(new() { HasText = "Cross Kiran" }))
            .ToContainTextAsync("₹432.10", new() { Timeout = TwoSeconds });
        await Assertions.Expect(dashboard.GetByTestId("stat-total-collection")).Not.ToHaveTextAsync(collectedBefore ?? "", new() { Timeout = TwoSeconds });
        await AssertSameDocumentAsync(watcher);
        await AssertSameDocumentAsync(dashboard);
        foreach (var page in new[] { clerk, watcher, dashboard })
        {
            await page.Context.CloseAsync();
        }
    }
}
