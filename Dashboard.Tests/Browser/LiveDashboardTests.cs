using System.Net.Http.Json;
using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

public sealed class LiveDashboardTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float TwoSeconds = 2_000;

    [Fact]
    public async Task Signing_in_with_a_wrong_password_stays_on_the_sign_in_page_with_a_message()
    {
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.GetByTestId("login-email").FillAsync(DashboardApp.AdminEmail);
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Wrong email or password");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_payment_posted_over_rest_updates_two_open_dashboards_without_reload()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Live Lakshmi");
        var first = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var second = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var pages = new[] { first, second };
        foreach (var page in pages)
        {
            // A marker that a reload would erase: the update must arrive in the same document.
            await page.EvaluateAsync("() => window.__sameDocument = true");
        }

        var collectionBefore = await first.GetByTestId("stat-total-collection").TextContentAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 321.75, method = "MOBILE" });
        response.EnsureSuccessStatusCode();

        foreach (var page in pages)
        {
            var collection = page.GetByTestId("stat-total-collection");
            await Assertions.Expect(collection).Not.ToHaveTextAsync(collectionBefore!, new() { Timeout = TwoSeconds });
            await Assertions.Expect(collection).ToContainTextAsync("321.75", new() { Timeout = TwoSeconds });
            await Assertions.Expect(page.GetByTestId("activity-feed").Locator("[data-action='payment.added']").First)
                .ToContainTextAsync("Live Lakshmi paid ₹321.75", new() { Timeout = TwoSeconds });
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        }

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_delivery_recorded_over_rest_updates_liters_and_sales_live()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Liters Leela", price: 60);
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var litersBefore = await page.GetByTestId("stat-total-liters").TextContentAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/deliveries",
            new { customerId = customer, date = app.Today, quantity = 2.5 });
        response.EnsureSuccessStatusCode();

        await Assertions.Expect(page.GetByTestId("stat-total-liters")).Not.ToHaveTextAsync(litersBefore!, new() { Timeout = TwoSeconds });
        await Assertions.Expect(page.GetByTestId("activity-feed")).ToContainTextAsync("Liters Leela: 2.5 L delivered", new() { Timeout = TwoSeconds });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_the_connection_drops_and_returns_the_figures_come_from_the_database()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Quiet Quresh");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var collectionBefore = await page.GetByTestId("stat-total-collection").TextContentAsync();
        await page.EvaluateAsync("() => window.__sameDocument = true");

        // Written behind the app's back (a restore, a script): no event, so only a resync can show it.
        await using (var db = app.Db())
        {
            db.Payments.Add(new Dashboard.Domain.Payments.PaymentEntity
            {
                Id = Guid.CreateVersion7(), CustomerId = customer, Amount = 4321m, Method = Dashboard.Domain.Payments.PaymentMethod.Cash,
                PaymentDate = app.Today, RecordedBy = "restore script", CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToHaveTextAsync(collectionBefore!);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        var expected = Amount(collectionBefore!) + 4321m;
        await page.WaitForFunctionAsync(
            "expected => Number(document.querySelector('[data-testid=stat-total-collection]').textContent.replace(/[^0-9.]/g, '')) === expected",
            (double)expected, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await page.Context.CloseAsync();
    }

    private static decimal Amount(string money) =>
        decimal.Parse(new string(money.Where(ch => char.IsAsciiDigit(ch) || ch == '.').ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Closing_a_dashboard_page_leaves_no_subscription_behind()
    {
        var events = app.Services.GetRequiredService<IEventAggregator>();
        var stats = app.Services.GetRequiredService<LiveStats>();
        // What this app's aggregator holds without the page (relays, caches), then with it once it is live: the page's
        // subscriptions are made when its circuit starts, a moment after the sign-in returns.
        var (eventsBefore, watchersBefore) = (events.SubscriberCount, stats.WatcherCount);
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await BrowserFixture.WaitLiveAsync(page);
        var opened = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < opened && (events.SubscriberCount <= eventsBefore || stats.WatcherCount <= watchersBefore))
        {
            await Task.Delay(50);
        }

        var (eventsOpen, watchersOpen) = (events.SubscriberCount, stats.WatcherCount);
        Assert.True(eventsOpen > eventsBefore && watchersOpen > watchersBefore, $"subscribers {eventsOpen} (before {eventsBefore}), watchers {watchersOpen}");

        // Leaving the page unloads it (Blazor's disconnect beacon), as closing the tab does; closing the context at once
        // under load sometimes beat the beacon, and the circuit then waits out its retention (minutes) before it is disposed.
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && (events.SubscriberCount >= eventsOpen || stats.WatcherCount >= watchersOpen))
        {
            await Task.Delay(100);
        }

        Assert.True(events.SubscriberCount < eventsOpen, $"subscribers stayed at {events.SubscriberCount}");
        Assert.True(stats.WatcherCount < watchersOpen, $"watchers stayed at {stats.WatcherCount}");
    }
}
