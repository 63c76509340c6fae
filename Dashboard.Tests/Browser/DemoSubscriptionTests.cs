using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoSubscriptionTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_has_a_weekend_away_an_alternate_days_customer_and_a_change_to_come()
    {
        await using var db = app.Db();
        var pause = await db.SubscriptionPauses.SingleAsync();
        Assert.Equal((DayOfWeek.Saturday, "Travelling"), (pause.From.DayOfWeek, pause.Reason));
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.Pattern == Dashboard.Domain.Subscriptions.SubscriptionPattern.Alternate));
        Assert.Equal(1, await db.SubscriptionChanges.CountAsync(c => !c.Applied));

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await OpenAsync(page, $"/customers/{pause.CustomerId}");
        var card = page.GetByTestId("subscription-card");
        await Assertions.Expect(card.GetByTestId("subscription-pause")).ToContainTextAsync("Travelling");
        // The card's coming week holds the whole weekend from Monday to Friday; from Saturday (business time) the next
        // weekend is a week off, and a Sunday's week ends on that Saturday.
        var week = Enumerable.Range(0, Dashboard.Domain.Subscriptions.SubscriptionService.NextDays).Select(i => app.Today.AddDays(i));
        await Assertions.Expect(card.Locator("[data-testid=subscription-day][data-kind=paused]"))
            .ToHaveCountAsync(week.Count(d => d >= pause.From && d <= pause.To));
        await card.GetByTestId("subscription-edit-pause").ClickAsync();
        await card.ScrollIntoViewIfNeededAsync();
        await SaveAsync(page, "subscription.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "a customer's page with its subscription");
        await card.ScrollIntoViewIfNeededAsync();
        await SaveAsync(page, "subscription-phone.png");

        // The Saturday's sheet, not generated yet, lists the customer as paused.
        await page.SetViewportSizeAsync(1280, 900);
        await OpenAsync(page, $"/deliveries?date={pause.From:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator($"[data-testid=not-on-sheet-row][data-customer-id='{pause.CustomerId}'] [data-testid=not-on-sheet-paused]"))
            .ToContainTextAsync("Travelling");
        await page.Context.CloseAsync();
    }
}
